package com.ticketwarehouse.runtime;

import com.ticketwarehouse.archive.Archive;
import com.ticketwarehouse.archive.Loads;
import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.extract.StripeSync;
import com.ticketwarehouse.jobs.JobRuns;
import com.ticketwarehouse.jobs.Jobs;
import com.ticketwarehouse.jobs.Syncs;
import com.ticketwarehouse.lake.Compaction;
import com.ticketwarehouse.lake.Lake;
import com.ticketwarehouse.lake.LakeProvider;
import com.ticketwarehouse.settings.Settings;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

import java.time.Duration;
import java.util.ServiceLoader;
import java.util.function.Supplier;

/** The lake of the target (routes/lake.yaml), the syncs (routes/sync.yaml) and the jobs' runs (routes/runner/). */
@Configuration
public final class LakeBeans implements CamelConfiguration {
    /** The lake of the target, from the providers this package carries (the Lambda package has no local one). */
    @BindToRegistry("lake")
    public Lake lake(CamelContext context, @PropertyInject("tw.target") String target) {
        for (LakeProvider provider : ServiceLoader.load(LakeProvider.class)) {
            if (provider.target().equals(target)) {
                return provider.create(context, new Settings(context), Entities.ALL, Pipeline.clock(context));
            }
        }
        throw new IllegalArgumentException("the " + target + " target is not in this package: use the aws target");
    }

    /** The compact job (routes/lake.yaml): a closed day's runs into a few objects per entity; the lake looked up when it runs. */
    @BindToRegistry("compaction")
    public Compaction compaction(CamelContext context, Archive archive) {
        Supplier<Lake> lake = () -> context.getRegistry().lookupByNameAndType("lake", Lake.class);
        return new Compaction(archive, () -> lake.get().files().store(), LoadBeans.lakeState(context),
                Compaction.Registrar.of(lake), Pipeline.clock(context));
    }

    @BindToRegistry("syncs")
    public Syncs syncs(CamelContext context, Lake lake, @PropertyInject("tw.sync.overlap-seconds") long overlapSeconds,
                       @PropertyInject("tw.sync.events-kept-days") long eventsKeptDays) {
        return new Syncs(lake, new StripeSync.Policy(Duration.ofSeconds(overlapSeconds), Duration.ofDays(eventsKeptDays)), Pipeline.clock(context));
    }

    /** The jobs are read when first asked for, so that a command that runs none starts whatever they say. */
    @BindToRegistry("jobRuns")
    public JobRuns jobRuns(CamelContext context, Lake lake, Loads loads) {
        return new JobRuns(context, () -> Jobs.read(key -> context.getPropertiesComponent().resolveProperty(key)), lake, loads,
                Pipeline.clock(context), System.out);
    }
}
