package com.ticketwarehouse.cli;

import com.ticketwarehouse.simulated.SimulatedApis;
import com.ticketwarehouse.simulator.Simulators;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

@Command(name = "simulate", description = "Run the Ticketsauce and Stripe simulators on loopback until interrupted, and print how to use them.")
final class SimulateCommand implements Callable<Integer> {
    @Mixin
    SimulatorOptions options;

    @Override
    public Integer call() throws InterruptedException {
        Simulators simulators = options.start();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulators.close();
            stopped.countDown();
        }));
        System.out.println("Ticketsauce simulator: " + simulators.ticketsauce().baseUrl());
        System.out.println("Stripe simulator:      " + simulators.stripe().baseUrl());
        System.out.println("To load from them, in another shell:");
        SimulatedApis.environment(simulators).forEach((variable, value) -> System.out.println("  export " + variable + "=" + value));
        System.out.println("Ground truth: " + simulators.groundTruth().toJson());
        System.out.println("Minimum requests: " + simulators.minimumRequests());
        System.out.println("Press Ctrl-C to stop.");
        System.out.flush();
        stopped.await();
        return 0;
    }
}
