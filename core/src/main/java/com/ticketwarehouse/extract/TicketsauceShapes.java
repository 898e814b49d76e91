package com.ticketwarehouse.extract;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** How Ticketsauce answers become archive records. */
public final class TicketsauceShapes {
    private TicketsauceShapes() {
    }

    /** Events as returned; each event's id is followed up with its orders and check-ins. */
    public static final EntityList.Shape EVENTS = (page, eventId, followUps) -> {
        for (byte[] record : page.records()) {
            String id = JsonRecords.text(record, "Event", "id");
            if (id == null) {
                throw new ApiException("Ticketsauce sent an event without Event.id: " + new String(record, StandardCharsets.UTF_8));
            }
            followUps.add(id);
        }
        return page.records();
    };

    /**
     * Orders as returned, but an order that came without its tickets is left out and followed up
     * with its details, so the archive never holds a version of an order that lacks its tickets.
     */
    public static final EntityList.Shape ORDERS = (page, eventId, followUps) -> {
        List<byte[]> complete = new ArrayList<>(page.records().size());
        for (byte[] record : page.records()) {
            if (JsonRecords.hasTopLevelField(record, "Ticket")) {
                complete.add(record);
            } else {
                String id = JsonRecords.text(record, "Order", "id");
                if (id == null) {
                    throw new ApiException("Ticketsauce sent an order without Order.id for event " + eventId);
                }
                followUps.add(id);
            }
        }
        return complete;
    };

    /**
     * Check-in answers are bare ticket ids; each becomes {@code {"event_id":..,"ticket_id":..}} with
     * the id's JSON kept as sent, because the event is known only from the request.
     */
    public static final EntityList.Shape CHECKIN_IDS = (page, eventId, followUps) -> {
        byte[] prefix = ("{\"event_id\":\"" + eventId + "\",\"ticket_id\":").getBytes(StandardCharsets.UTF_8);
        List<byte[]> wrapped = new ArrayList<>(page.records().size());
        for (byte[] id : page.records()) {
            byte[] record = new byte[prefix.length + id.length + 1];
            System.arraycopy(prefix, 0, record, 0, prefix.length);
            System.arraycopy(id, 0, record, prefix.length, id.length);
            record[record.length - 1] = '}';
            wrapped.add(record);
        }
        return wrapped;
    };
}
