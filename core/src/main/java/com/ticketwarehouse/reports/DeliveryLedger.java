package com.ticketwarehouse.reports;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.ticketwarehouse.lake.Lake;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * Which report went to whom, kept in the lake ({@code state/reports/...}) so that it holds for the
 * runner, the Lambda function and the CLI alike: one state file per (report, period or event,
 * recipient).
 *
 * <p>The gap between "sent" and "recorded" is closed this way: before sending, a delivery is
 * claimed ({@code sending}, with its Message-ID, this process and host), read back after a moment
 * so that of two overlapping jobs only one goes on, and marked {@code sent} once the server took
 * the message. A claim whose process is gone (on this host: at once; elsewhere: after
 * {@code tw.report.claim-seconds}) is sent again with the same Message-ID. So nothing is skipped;
 * the one case that can repeat is a process killed after the server accepted the message and
 * before it wrote {@code sent}, and that repeat is the same message (same Message-ID), which mail
 * servers and clients take as one.
 */
public final class DeliveryLedger {
    static final String FOLDER = "reports/";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOST = host();
    private static final long PID = ProcessHandle.current().pid();

    public enum Outcome { SENT, ALREADY_SENT, SENDING_ELSEWHERE }

    private final Lake lake;
    private final Clock clock;
    private final Duration claimTimeout;
    private final String owner = UUID.randomUUID().toString();

    public DeliveryLedger(Lake lake, Clock clock, Duration claimTimeout) {
        this.lake = lake;
        this.clock = clock;
        this.claimTimeout = claimTimeout;
    }

    /**
     * Sends a report's message to one recipient unless the ledger says it went already or another
     * process is sending it now.
     *
     * @param key  the period or event (and revision) the message is for, as a path: 2026-12-05/all, EVENT/r2
     * @param mail the message, given its Message-ID
     */
    public Outcome deliver(String report, String key, String recipient, String sender, Function<String, Mail> mail, Mailer mailer) {
        String name = name(report, key, recipient);
        Optional<JsonNode> entry = read(name);
        if (entry.isPresent() && sent(entry.get())) {
            return Outcome.ALREADY_SENT;
        }
        if (entry.isPresent() && claimedByAnother(entry.get())) {
            return Outcome.SENDING_ELSEWHERE;
        }
        String messageId = "<" + digest(report + "|" + key + "|" + recipient.toLowerCase()).substring(0, 32) + "@"
                + sender.substring(sender.indexOf('@') + 1) + ">";
        ObjectNode claim = JSON.createObjectNode().put("report", report).put("key", key).put("recipient", recipient)
                .put("message_id", messageId).put("status", "sending").put("owner", owner).put("host", HOST).put("pid", PID)
                .put("claimed_at", clock.instant().toString());
        write(name, claim);
        pause();
        if (!read(name).map(e -> owner.equals(e.path("owner").asText())).orElse(false)) {
            return Outcome.SENDING_ELSEWHERE;
        }
        mailer.send(mail.apply(messageId));
        write(name, claim.put("status", "sent").put("sent_at", clock.instant().toString()));
        return Outcome.SENT;
    }

    /** Whether every one of the recipients has the report already (none: it has). */
    public boolean allSent(String report, String key, java.util.Collection<String> recipients) {
        return recipients.stream().allMatch(recipient -> read(name(report, key, recipient)).map(DeliveryLedger::sent).orElse(false));
    }

    private static String name(String report, String key, String recipient) {
        return FOLDER + report + "/" + key + "/" + digest(recipient.toLowerCase()).substring(0, 24) + ".json";
    }

    private static boolean sent(JsonNode entry) {
        return "sent".equals(entry.path("status").asText());
    }

    /** The settlement statement last issued for an event: revision, digest of its figures, when. */
    public Optional<JsonNode> statement(String eventId) {
        return read(FOLDER + "settlement/" + eventId + "/statement.json");
    }

    /**
     * Records a statement's revision before any of it is sent, so that a run that resumes sends
     * the same revision, and a late change is seen as one.
     *
     * @param replaces the record of the revision it replaces, or null for the first
     */
    public void recordStatement(String eventId, int revision, String digest, String gross, String refunded, String disputed, JsonNode replaces) {
        ObjectNode record = JSON.createObjectNode().put("event_id", eventId).put("revision", revision)
                .put("digest", digest).put("gross", gross).put("refunded", refunded).put("disputed", disputed)
                .put("issued_at", clock.instant().toString());
        if (replaces != null) {
            ObjectNode previous = replaces.deepCopy();
            previous.remove("replaces");
            record.set("replaces", previous);
        }
        write(FOLDER + "settlement/" + eventId + "/statement.json", record);
    }

    /** A claim is another's while its process lives: on this host we can tell; elsewhere we wait out the claim timeout. */
    private boolean claimedByAnother(JsonNode claim) {
        if (owner.equals(claim.path("owner").asText())) {
            return false;
        }
        if (HOST.equals(claim.path("host").asText())) {
            long pid = claim.path("pid").asLong();
            return pid != PID && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
        }
        Instant claimed = Instant.parse(claim.path("claimed_at").asText());
        return Duration.between(claimed, clock.instant()).compareTo(claimTimeout) < 0;
    }

    private Optional<JsonNode> read(String name) {
        return lake.readState(name).map(bytes -> {
            try {
                return JSON.readTree(bytes);
            } catch (IOException e) {
                throw new UncheckedIOException("the delivery ledger's " + name + " is not JSON", e);
            }
        });
    }

    private void write(String name, JsonNode content) {
        lake.writeState(name, content.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Two jobs that claimed at once both wrote: the one whose claim is read back after this goes on. */
    private static void pause() {
        try {
            Thread.sleep(200);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while claiming a delivery", e);
        }
    }

    static String digest(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String host() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return ManagementFactory.getRuntimeMXBean().getName();
        }
    }
}
