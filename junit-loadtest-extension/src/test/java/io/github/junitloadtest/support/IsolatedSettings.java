package io.github.junitloadtest.support;

import io.github.junitloadtest.api.LoadTest;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Clears the engine's system properties when this module's test run starts: its tests give each
 * fixture its own settings, and a {@code -Dloadtest.durationScale} meant for the factory suite on the
 * same Maven command line must not change their exact expectations.
 */
public final class IsolatedSettings implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        System.clearProperty(LoadTest.DURATION_SCALE_PROPERTY_NAME);
        System.clearProperty(LoadTest.BASE_URL_PROPERTY_NAME);
        System.clearProperty(LoadTest.REPORT_DIR_PROPERTY_NAME);
        // The build's own id (from the parent POM) would put every fixture's page into one build.
        System.clearProperty(LoadTest.BUILD_ID_PROPERTY_NAME);
    }
}
