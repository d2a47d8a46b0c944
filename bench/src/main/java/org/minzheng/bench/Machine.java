package org.minzheng.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The facts a number needs beside it: cores, memory, versions. */
final class Machine {

    private Machine() {
    }

    static String facts() {
        StringBuilder md = new StringBuilder();
        md.append("- cores: ").append(Runtime.getRuntime().availableProcessors()).append("\n");
        md.append("- memory: ").append(meminfo()).append("\n");
        md.append("- OS: ").append(System.getProperty("os.name")).append(' ').append(System.getProperty("os.version")).append("\n");
        md.append("- Java: ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.version")).append("\n");
        md.append("- PostgreSQL: ").append(quietly(() -> Stores.sql("SHOW server_version").get(0))).append("\n");
        md.append("- Redis: ").append(quietly(() -> Stores.redis("INFO", "server").stream()
                .filter(l -> l.startsWith("redis_version:")).findFirst().orElse("?").substring("redis_version:".length()).strip()))
                .append("\n");
        md.append("- backend JVM options: ").append(String.join(" ", Apps.backendJvm())).append("\n");
        md.append("- load driver, backend, wechat-sim, PostgreSQL and Redis share this machine\n");
        return md.toString();
    }

    private static String meminfo() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/meminfo"));
            return lines.stream().filter(l -> l.startsWith("MemTotal:")).findFirst().map(l -> l.replaceAll("\\s+", " ")
                    .substring("MemTotal: ".length())).orElse("?");
        } catch (IOException e) {
            return "?";
        }
    }

    private static String quietly(java.util.function.Supplier<String> fact) {
        try {
            return fact.get();
        } catch (RuntimeException e) {
            return "?";
        }
    }
}
