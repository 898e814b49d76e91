package com.ticketwarehouse.lake;

import com.ticketwarehouse.archive.LoadRun;
import com.ticketwarehouse.archive.TimeRange;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RunListTest {
    @Test
    void a_run_that_archived_fields_no_raw_table_defines_names_them_under_its_line() {
        LoadRun run = new LoadRun(Instant.now(), "all", TimeRange.of("all", LocalDate.now(), null, null));
        run.sawUndefinedField("stripe/charges", "level");
        run.sawUndefinedField("stripe/charges", "application");
        run.finish(LoadRun.COMPLETE, null);
        String status = RunList.of(List.of("manifest.json"), name -> run.manifestJson(), 10);
        assertThat(status).contains(run.id() + " complete").contains("new fields no raw table defines (add them to athena/raw_tables.sql): "
                + "stripe/charges: application, level\n");
        LoadRun plain = new LoadRun(Instant.now(), "all", TimeRange.of("all", LocalDate.now(), null, null));
        plain.finish(LoadRun.COMPLETE, null);
        assertThat(RunList.of(List.of("manifest.json"), name -> plain.manifestJson(), 10)).doesNotContain("new fields");
    }
}
