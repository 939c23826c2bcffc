package io.github.junitloadtest.internal.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class HostPolicyTests {

    private final HostPolicy policy = HostPolicy.of(
            Optional.of(URI.create("https://API.example.com:8443/base")),
            List.of("auth.example.com", "*.cdn.example.net"));

    @ParameterizedTest
    @ValueSource(
            strings = {
                "api.example.com",
                "API.EXAMPLE.COM",
                "auth.example.com",
                "img.cdn.example.net",
                "a.b.cdn.example.net",
                "localhost",
                "127.0.0.1",
                "127.1.2.3",
                "[::1]"
            })
    void allows(String host) {
        assertThat(policy.allows(host)).isTrue();
        assertThat(policy.allows(host)).as("the remembered decision").isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "example.com",
                "evil-api.example.com",
                "api.example.com.evil.net",
                "cdn.example.net",
                "xcdn.example.net",
                "128.0.0.1",
                "127.0.0.256",
                "127.0.0",
                "10.0.0.1",
                "[::2]",
                "localhost.evil.net"
            })
    void refuses(String host) {
        assertThat(policy.allows(host)).isFalse();
        assertThat(policy.allows(host)).as("the remembered decision").isFalse();
    }

    @Test
    void aStarAllowsAnyHostAndNoBaseUrlAllowsOnlyLoopback() {
        assertThat(HostPolicy.of(Optional.empty(), List.of("*")).allows("anything.example"))
                .isTrue();
        HostPolicy loopbackOnly = HostPolicy.of(Optional.empty(), List.of());
        assertThat(loopbackOnly.allows("api.example.com")).isFalse();
        assertThat(loopbackOnly.allows("localhost")).isTrue();
        assertThat(loopbackOnly.describe()).isEqualTo("loopback");
        assertThat(policy.describe()).isEqualTo("api.example.com, auth.example.com, *.cdn.example.net, loopback");
    }
}
