package dev.trustlift.azure;

/**
 * Keeps the SDK (and Netty, reactor) quiet unless --verbose: their failures reach the user as one
 * CloudException line, so their own log lines would only repeat it noisily. slf4j-simple reads a
 * logger's level when the logger is made, so this runs before any SDK class is touched; levels
 * the user set (-Dorg.slf4j.simpleLogger.log.com.azure=debug) are left alone.
 */
final class SdkLogging {

    static final String PREFIX = "org.slf4j.simpleLogger.log.";
    private static final String[] SDK_LOGGERS = {"com.azure", "com.microsoft.aad", "reactor", "io.netty"};

    private SdkLogging() {
    }

    static void configure(boolean verbose) {
        for (String logger : SDK_LOGGERS) {
            String key = PREFIX + logger;
            if (System.getProperty(key) == null) {
                System.setProperty(key, verbose ? "info" : "off");
            }
        }
    }
}
