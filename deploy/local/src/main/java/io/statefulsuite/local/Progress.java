package io.statefulsuite.local;

import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/** What the person running the stack sees: one time-stamped line per step. */
public final class Progress {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private Progress() {
    }

    public static void say(String line) {
        System.out.println("[" + LocalTime.now().format(TIME) + "] " + line);
    }
}
