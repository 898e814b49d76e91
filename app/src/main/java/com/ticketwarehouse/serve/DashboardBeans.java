package com.ticketwarehouse.serve;

import com.ticketwarehouse.dashboards.Dashboards;
import org.apache.camel.BindToRegistry;
import org.apache.camel.CamelConfiguration;
import org.apache.camel.Configuration;
import org.apache.camel.PropertyInject;

import java.nio.file.Path;

/** The beans of the dashboard routes (routes/serve/), bound only when ./tw serve adds this configuration. */
@Configuration
public final class DashboardBeans implements CamelConfiguration {
    @BindToRegistry("dashboardPages")
    public DashboardPages dashboardPages(@PropertyInject(value = "tw.lake.dir", defaultValue = "./warehouse") String lakeDir,
                                         @PropertyInject(value = "tw.dashboards.currency", defaultValue = "USD") String currency) {
        return new DashboardPages(Dashboards.load(), new ReadOnlyMarts(Path.of(lakeDir)), currency);
    }

    @BindToRegistry("dashboardAssets")
    public Assets dashboardAssets() {
        return new Assets();
    }
}
