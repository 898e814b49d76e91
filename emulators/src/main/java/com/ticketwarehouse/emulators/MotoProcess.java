package com.ticketwarehouse.emulators;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * moto's server on a free loopback port, started by {@code moto_server.py} beside this class: moto
 * with the Glue calls that Trino's Glue metastore makes and moto 5.2.1 lacks (the Athena stand-in
 * needs them; the product never sees the difference). Fails in one line, saying how to install moto.
 */
public final class MotoProcess {
    public static final String REGION = "us-east-1", ACCESS_KEY = "testing", SECRET_KEY = "testing";
    static final String INSTALL = "moto is needed for the aws emulators: pip install 'moto[server]==5.2.1'";
    private static final String LAUNCHER = "moto_server.py";

    private MotoProcess() {
    }

    /** Fails in one line, saying how to install it, unless moto's server is on the PATH. */
    public static void requireInstalled() {
        if (ExternalServer.program("moto_server").equals("moto_server")) {
            throw new IllegalStateException("no moto_server on PATH: " + INSTALL);
        }
    }

    /** @param log where moto's output goes */
    public static ExternalServer start(Path log) {
        requireInstalled();
        return ExternalServer.start("moto", INSTALL, Duration.ofSeconds(60), log,
                "python3", launcher().toString(), "-H", "127.0.0.1", "-p", "{port}");
    }

    /** The launcher, written out of the jar to a file of its own (other servers may be starting beside this one), for python to run. */
    private static Path launcher() {
        try (InputStream script = MotoProcess.class.getResourceAsStream(LAUNCHER)) {
            if (script == null) {
                throw new IllegalStateException(LAUNCHER + " is missing from the class path");
            }
            Path file = Files.createTempFile("moto-server-", ".py");
            file.toFile().deleteOnExit();
            Files.write(file, script.readAllBytes());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write moto's launcher to a temporary file", e);
        }
    }
}
