package com.ticketwarehouse.cli;

import com.ticketwarehouse.extract.Entities;
import com.ticketwarehouse.jobs.Job;
import com.ticketwarehouse.jobs.Jobs;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.spi.PropertiesComponent;
import picocli.CommandLine.Command;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "cost", description = "Print the aws deployment's monthly cost for a typical venue group: measured quantities of each job's run "
        + "times the runs its cadence makes times published unit prices (QuickSight seats apart). It only reads.")
final class CostCommand implements Callable<Integer> {
    static final String PRICES = "cost/prices-us-east-1.properties", MEASURED = "cost/measured.properties";

    @Override
    public Integer call() {
        System.out.print(new CostModel(CostModel.resource(PRICES), CostModel.resource(MEASURED), awsJobs()).table(Entities.ALL.size() + 1));
        return 0;
    }

    /** The jobs the aws target runs, with their cadences: application.properties with application-aws.properties over it. */
    static List<Job> awsJobs() {
        DefaultCamelContext camel = new DefaultCamelContext();
        try {
            PropertiesComponent properties = camel.getPropertiesComponent();
            properties.setLocation("classpath:application.properties");
            properties.setOverrideProperties(CostModel.resource("application-aws.properties"));
            return Jobs.read(properties::resolveProperty).stream().filter(Job::enabled).toList();
        } finally {
            camel.stop();
        }
    }
}
