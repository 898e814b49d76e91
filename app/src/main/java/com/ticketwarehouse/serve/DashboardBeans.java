package com.ticketwarehouse.serve;

import com.ticketwarehouse.dashboards.Dashboards;
import com.ticketwarehouse.settings.Settings;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.CamelContext;

import java.nio.file.Path;

/** The beans of the dashboard routes (routes/serve/), bound only when ./tw serve adds this configuration. */
public final class DashboardBeans implements CamelConfiguration {
    @Override
    public void configure(CamelContext context) {
        Settings settings = new Settings(context);
        context.getRegistry().bind("dashboardPages", new DashboardPages(Dashboards.load(),
                new ReadOnlyMarts(Path.of(settings.get("tw.lake.dir", "./warehouse"))), settings.get("tw.dashboards.currency", "USD")));
        context.getRegistry().bind("dashboardAssets", new Assets());
    }
}
