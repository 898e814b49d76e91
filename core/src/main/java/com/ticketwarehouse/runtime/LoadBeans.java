package com.ticketwarehouse.runtime;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.ArchiveSink;
import com.ticketwarehouse.archive.Fingerprints;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.archive.StateFiles;
import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.extract.OrderDetails;
import com.ticketwarehouse.extract.StripeClient;
import com.ticketwarehouse.extract.TicketsauceClient;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.lake.RawTableDdl;
import com.ticketwarehouse.lake.RawTables;
import com.ticketwarehouse.settings.Settings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/** The beans of a load (routes/load.yaml, routes/ticketsauce.yaml): the run, its archive, its workers. */
@Configuration
public final class LoadBeans implements CamelConfiguration {
    /** Where every list and the order details append their records; not a route's bean. */
    @BindToRegistry("archive")
    public Archive archive(CamelContext context, @PropertyInject("tw.target") String target,
                           @PropertyInject(value = "tw.archive.prefix", defaultValue = "") String prefix,
                           @PropertyInject(value = "tw.archive.spool-dir", defaultValue = "") String spoolDir,
                           @PropertyInject("tw.archive.temp-prefix") String tempPrefix,
                           @PropertyInject("tw.archive.roll-mb") double rollMegabytes) {
        // locally the spool is the lake's folder itself, so that a finished object is renamed into place
        return new Archive(prefix, new Archive.Spool(Path.of(spoolDir), Settings.LOCAL.equals(target)), tempPrefix,
                (long) (rollMegabytes * (1 << 20)), new ArchiveSink(context), new Fingerprints(lakeState(context)), definedFields());
    }

    /** The lake's state files, the lake looked up when first used: it is made after the loads' beans (LakeBeans). */
    static StateFiles lakeState(CamelContext context) {
        Supplier<Lake> lake = () -> context.getRegistry().lookupByNameAndType("lake", Lake.class);
        return new StateFiles() {
            @Override
            public Optional<byte[]> readState(String name) {
                return lake.get().readState(name);
            }

            @Override
            public void writeState(String name, byte[] content) {
                lake.get().writeState(name, content);
            }
        };
    }

    /** The top-level fields each raw table defines (athena/raw_tables.sql), in lower case, by {@code source/entity}. */
    static Map<String, Set<String>> definedFields() {
        Map<String, Set<String>> fields = new LinkedHashMap<>();
        for (String entity : Entities.ALL) {
            fields.put(entity, RawTableDdl.table(RawTables.of(entity)).columns().stream()
                    .map(c -> c.name().toLowerCase(Locale.ROOT)).collect(Collectors.toSet()));
        }
        return fields;
    }

    @BindToRegistry("loads")
    public Loads loads(CamelContext context, Archive archive, TicketsauceClient ticketsauce, StripeClient stripe,
                       @PropertyInject("tw.progress") boolean progress,
                       @PropertyInject("tw.load.heartbeat-seconds") long heartbeatSeconds,
                       @PropertyInject("tw.load.stop-wait-ms") long stopWaitMillis) {
        return new Loads(archive, List.of(ticketsauce, stripe), Pipeline.clock(context), progress,
                Duration.ofSeconds(heartbeatSeconds), Duration.ofMillis(stopWaitMillis));
    }

    @BindToRegistry("orderDetails")
    public OrderDetails orderDetails(Archive archive) {
        return new OrderDetails(archive);
    }

    /** The events whose orders and check-ins are extracted at once. */
    @BindToRegistry("ticketsauceWorkers")
    public ExecutorService ticketsauceWorkers(CamelContext context, @PropertyInject("ticketsauce.concurrency") int concurrency) {
        return context.getExecutorServiceManager().newFixedThreadPool(this, "ticketsauce-worker", concurrency);
    }
}
