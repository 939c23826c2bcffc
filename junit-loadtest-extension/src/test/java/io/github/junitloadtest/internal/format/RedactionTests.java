package io.github.junitloadtest.internal.format;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RedactionTests {

    private final Redaction redaction = new Redaction(Set.of("X-Api-Key"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            https://user:hunter2@api.example.com/x        | https://***@api.example.com/x
            GET http://u@h/x?limit=5&access_token=abc&y=1 | GET http://***@h/x?limit=5&access_token=***&y=1
            /x?api_key=k1&apiKey=k2&sig=s&code=c&page=2   | /x?api_key=***&apiKey=***&sig=***&code=***&page=2
            /x?client_secret=s3&password=p&sessionId=9    | /x?client_secret=***&password=***&sessionId=***
            Authorization: Bearer abc.def.ghi             | Authorization: ***
            got 401 (authorization=Basic dXNlcjpwYXNz)    | got 401 (authorization=***
            Cookie: a=1; b=2                              | Cookie: ***
            x-api-key: 12345 then more                    | x-api-key: ***
            sent Bearer abcdefgh1234 to the proxy         | sent Bearer *** to the proxy
            token eyJhbGciOi.eyJzdWIiOi.c2lnbmF0dXJl here | token *** here
            {"X-Api-Key": "abcd1234", "n": 1}             | {"X-Api-Key": "***", "n": 1}
            {"Cookie":"sid=z"}                            | {"Cookie":"***"}
            {"refresh_token":"opaque","expires_in":60}    | {"refresh_token":"***","expires_in":60}
            /x?secret_key=a&subscription-key=b#access_token=c | /x?secret_key=***&subscription-key=***#access_token=***
            https://user:p@ss@host.example/x              | https://***@host.example/x
            {"errorCode":"E123","slug":"remix"}           | {"errorCode":"E123","slug":"remix"}
            GET /api/templates/{slug} returned status 503 | GET /api/templates/{slug} returned status 503
            p95 latency 612.863 ms exceeded 500 ms        | p95 latency 612.863 ms exceeded 500 ms
            """)
    void masksSecretsAndLeavesEverythingElse(String text, String expected) {
        assertThat(redaction.text(text)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void aValueKnownToBeAUrlLosesItsUserInfoEvenWhenItIsNotValidSyntax() {
        assertThat(redaction.url("https://deploy:s3cret pass@staging.example.com/x?token=t"))
                .isEqualTo("https://***@staging.example.com/x?token=***");
        assertThat(redaction.url("http://localhost:8080/api")).isEqualTo("http://localhost:8080/api");
    }
}
