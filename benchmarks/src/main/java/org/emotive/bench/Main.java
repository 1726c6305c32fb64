package org.emotive.bench;

import java.util.Arrays;

/** {@code java -jar benchmarks.jar control-plane|boot [options]}: see the README's Benchmarks section. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            return;
        }
        Options options = Options.parse(Arrays.copyOfRange(args, 1, args.length));
        switch (args[0]) {
            case "control-plane" -> new ControlPlaneBenchmark(options).run();
            case "boot" -> new BootBenchmark(options).run();
            case "checkpoint" -> new CheckpointBenchmark(options).run();
            case "image-build" -> new ImageBuildBenchmark(options).run();
            default -> usage();
        }
    }

    private static void usage() {
        System.err.println("""
                usage: java -jar benchmarks.jar control-plane [--url http://localhost:8181] [--user karaf]
                                                [--password karaf] [--count 10] [--image busybox]
                       java -jar benchmarks.jar boot --emotive KARAF_DIR --karaf STOCK_KARAF_DIR [--runs 3]
                       java -jar benchmarks.jar checkpoint [--url ...] [--rounds 5]
                       java -jar benchmarks.jar image-build [--url ...] [--suite bookworm]""");
        System.exit(2);
    }
}
