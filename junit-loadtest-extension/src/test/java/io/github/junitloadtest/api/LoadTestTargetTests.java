package io.github.junitloadtest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;
import static org.junit.platform.testkit.engine.EventConditions.container;
import static org.junit.platform.testkit.engine.EventConditions.event;
import static org.junit.platform.testkit.engine.EventConditions.finishedWithFailure;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.cause;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.instanceOf;
import static org.junit.platform.testkit.engine.TestExecutionResultConditions.message;

import io.github.junitloadtest.internal.plan.ConfiguredSettings;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;

/**
 * What another extension learns from {@link LoadTestTarget#configuredBaseUrl}: the base URL the user
 * configured and the setting that named it, read by the engine's own lookup, which a jar's service
 * file names; a jar that lost that file says so instead of reading nothing.
 */
class LoadTestTargetTests {

    private static final String SERVICE_FILE = "META-INF/services/" + LoadTestTarget.SettingsLookup.class.getName();
    private static final String MISSING = "the load test engine's"
            + " io.github.junitloadtest.api.LoadTestTarget$SettingsLookup service could not be loaded: the jar's"
            + " META-INF/services entry is missing or broken (a shaded or merged jar must keep the service files of"
            + " junit-loadtest-extension)";

    @TempDir
    Path services;

    @BeforeEach
    void noBaseUrlFromThisJvm() {
        assumeTrue(
                System.getenv(LoadTest.BASE_URL_ENVIRONMENT_VARIABLE) == null
                        && System.getProperty(LoadTest.BASE_URL_PROPERTY_NAME) == null,
                "these runs name the base URL themselves; skipped because this JVM already names one");
        AskingTestCase.engine = null;
        AskingTestCase.answer = null;
    }

    @AfterEach
    void closeTheFreshEngine() throws IOException {
        if (AskingTestCase.engine instanceof FreshEngine fresh) {
            fresh.close();
        }
    }

    @Test
    void anExtensionLearnsTheConfiguredBaseUrlAndTheSettingThatNamedIt() {
        run(Map.of(LoadTest.BASE_URL_PROPERTY_NAME, "http://configured.test:8089"))
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));

        assertThat(AskingTestCase.answer)
                .isEqualTo(Optional.of(new LoadTestTarget.Configured(
                        URI.create("http://configured.test:8089"), "configuration parameter 'loadtest.baseUrl'")));
    }

    @Test
    void anExtensionLearnsThatNoBaseUrlIsConfigured() {
        run(Map.of()).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(AskingTestCase.answer).isEqualTo(Optional.empty());
    }

    @Test
    void aConfiguredBaseUrlThatIsNotOneFailsTheAskingExtensionNamingTheSetting() {
        run(Map.of(LoadTest.BASE_URL_PROPERTY_NAME, "ftp://files.test"))
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(AskingTestCase.class),
                                finishedWithFailure(
                                        instanceOf(ExtensionConfigurationException.class),
                                        message("Configuration error: Configuration parameter 'loadtest.baseUrl' must"
                                                + " be an absolute http or https URL, but was [\"ftp://files.test\"];"
                                                + " for example \"http://localhost:8080\"."))));
        assertThat(AskingTestCase.answer).isNull();
    }

    @Test
    void aJarWithoutTheServiceFileSaysSoInsteadOfReadingNothing() {
        AskingTestCase.engine = new FreshEngine(List.of());

        run(Map.of(LoadTest.BASE_URL_PROPERTY_NAME, "http://configured.test:8089"))
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(AskingTestCase.class),
                                finishedWithFailure(instanceOf(IllegalStateException.class), message(MISSING))));
        assertThat(AskingTestCase.answer).isNull();
    }

    @Test
    void aServiceFileNamingAClassTheJarDoesNotHaveSaysWhichOne() throws IOException {
        // As a shading plugin leaves it when it relocates the classes but not the service file's entry.
        AskingTestCase.engine = new FreshEngine(List.of(serviceFile("relocated", "shaded.plan.ConfiguredSettings")));

        run(Map.of())
                .containerEvents()
                .assertThatEvents()
                .haveExactly(
                        1,
                        event(
                                container(AskingTestCase.class),
                                finishedWithFailure(
                                        instanceOf(IllegalStateException.class),
                                        message(MISSING + " (io.github.junitloadtest.api.LoadTestTarget$SettingsLookup:"
                                                + " Provider shaded.plan.ConfiguredSettings not found)"),
                                        cause(instanceOf(ServiceConfigurationError.class)))));
    }

    @Test
    void theEnginesOwnLookupIsChosenWhenAnotherJarOffersOneFirst() throws IOException {
        AskingTestCase.engine = new FreshEngine(List.of(
                serviceFile("other", ForeignLookup.class.getName()),
                serviceFile("engine", ConfiguredSettings.class.getName())));

        run(Map.of(LoadTest.BASE_URL_PROPERTY_NAME, "http://configured.test:8089"))
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));

        assertThat(AskingTestCase.answer)
                .hasToString("Optional[Configured[baseUrl=http://configured.test:8089,"
                        + " source=configuration parameter 'loadtest.baseUrl']]");
    }

    @Test
    void anotherJarsLookupIsTakenWhenItIsTheOnlyOne() throws IOException {
        AskingTestCase.engine = new FreshEngine(List.of(serviceFile("other", ForeignLookup.class.getName())));

        run(Map.of(LoadTest.BASE_URL_PROPERTY_NAME, "http://configured.test:8089"))
                .testEvents()
                .assertStatistics(stats -> stats.succeeded(1));

        assertThat(AskingTestCase.answer)
                .hasToString("Optional[Configured[baseUrl=http://foreign.test, source=another jar's lookup]]");
    }

    @Test
    void ofSeveralOtherJarsLookupsTheFirstListedIsTaken() throws IOException {
        AskingTestCase.engine = new FreshEngine(List.of(
                serviceFile("other", ForeignLookup.class.getName()),
                serviceFile("yet another", YetAnotherLookup.class.getName())));

        run(Map.of()).testEvents().assertStatistics(stats -> stats.succeeded(1));

        assertThat(AskingTestCase.answer)
                .hasToString("Optional[Configured[baseUrl=http://foreign.test, source=another jar's lookup]]");
    }

    private static EngineExecutionResults run(Map<String, String> configuration) {
        return EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(AskingTestCase.class))
                .enableImplicitConfigurationParameters(false)
                .configurationParameters(configuration)
                .execute();
    }

    private URL serviceFile(String jar, String provider) throws IOException {
        Path file = services.resolve(jar).resolve(SERVICE_FILE);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, "# " + jar + "\n" + provider + "\n")
                .toUri()
                .toURL();
    }

    /** An extension that asks for the configured base URL in {@code beforeAll}, as one starting a stub would. */
    static class AskingTestCase {
        /** Where LoadTestTarget comes from: this test's own classes when null. */
        static volatile ClassLoader engine;

        static volatile Object answer;

        @RegisterExtension
        static final BeforeAllCallback asking = context -> answer = ask(context);

        private static Object ask(ExtensionContext context) throws Exception {
            if (engine == null) {
                return LoadTestTarget.configuredBaseUrl(context);
            }
            try {
                return Class.forName(LoadTestTarget.class.getName(), true, engine)
                        .getMethod("configuredBaseUrl", ExtensionContext.class)
                        .invoke(null, context);
            } catch (InvocationTargetException failed) {
                if (failed.getCause() instanceof Exception exception) {
                    throw exception;
                }
                throw failed;
            }
        }

        @Test
        void aLoadTestThatWouldUseIt() {}
    }

    /** A lookup from another jar: this module's test classes, not the engine's. */
    public static final class ForeignLookup implements LoadTestTarget.SettingsLookup {

        @Override
        public Optional<LoadTestTarget.Configured> configuredBaseUrl(ExtensionContext context) {
            return Optional.of(
                    new LoadTestTarget.Configured(URI.create("http://foreign.test"), "another jar's lookup"));
        }
    }

    /** Another lookup that is not the engine's, listed after {@link ForeignLookup}. */
    public static final class YetAnotherLookup implements LoadTestTarget.SettingsLookup {

        @Override
        public Optional<LoadTestTarget.Configured> configuredBaseUrl(ExtensionContext context) {
            return Optional.of(
                    new LoadTestTarget.Configured(URI.create("http://yet-another.test"), "yet another jar's lookup"));
        }
    }

    /**
     * The engine's jar loaded afresh, so that its lookup is looked up afresh: {@link LoadTestTarget},
     * the engine's lookup and the other jars' lookups come from their own folders (their code sources),
     * everything else from this test's class loader, and the service file is the ones given.
     */
    static final class FreshEngine extends URLClassLoader {

        private final List<URL> serviceFiles;

        FreshEngine(List<URL> serviceFiles) {
            super(
                    new URL[] {location(LoadTestTarget.class), location(ForeignLookup.class)},
                    LoadTestTargetTests.class.getClassLoader());
            this.serviceFiles = serviceFiles;
        }

        private static URL location(Class<?> type) {
            return type.getProtectionDomain().getCodeSource().getLocation();
        }

        private static boolean fresh(String name) {
            return name.equals(LoadTestTarget.class.getName())
                    || name.startsWith(LoadTestTarget.class.getName() + "$")
                    || name.equals(ConfiguredSettings.class.getName())
                    || name.equals(ForeignLookup.class.getName())
                    || name.equals(YetAnotherLookup.class.getName());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!fresh(name)) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    loaded = findClass(name);
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }

        @Override
        public Enumeration<URL> getResources(String name) throws IOException {
            return name.equals(SERVICE_FILE) ? Collections.enumeration(serviceFiles) : super.getResources(name);
        }
    }
}
