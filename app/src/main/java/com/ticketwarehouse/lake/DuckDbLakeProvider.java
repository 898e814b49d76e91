package com.ticketwarehouse.lake;

import com.ticketwarehouse.settings.Settings;
import org.apache.camel.CamelContext;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/** The local target's lake: a folder of archives and a DuckDB file. */
public final class DuckDbLakeProvider implements LakeProvider {
    @Override
    public String target() {
        return Settings.LOCAL;
    }

    @Override
    public Lake create(CamelContext context, Settings settings, List<String> entities, Clock clock) {
        return new DuckDbLake(Path.of(settings.get("tw.lake.dir", "./warehouse")), entities, settings.get("tw.archive.temp-prefix", ".writing-"),
                clock);
    }
}
