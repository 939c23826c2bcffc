package io.github.junitloadtest.support;

import io.github.junitloadtest.internal.http.Transport;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A transport that answers on a {@link ManualClock}: each path has a status, a body and a service time,
 * which the exchange spends by moving the clock. Nothing goes on the network.
 */
public final class ManualTransport implements Transport {

    /** One path's answer. */
    private record Answer(int status, String body, long serviceMillis) {}

    private final ManualClock clock;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final AtomicLong exchanges = new AtomicLong();

    public ManualTransport(ManualClock clock) {
        this.clock = clock;
    }

    /** From now on, requests for this path take so long and get this answer. */
    public ManualTransport answer(String path, long serviceMillis, int status, String body) {
        answers.put(path, new Answer(status, body, serviceMillis));
        return this;
    }

    /** How many requests it answered. */
    public long exchanges() {
        return exchanges.get();
    }

    @Override
    public Response exchange(HttpRequest request, long connectDeadline, long deadline, Receiver receiver) {
        Answer answer = answers.getOrDefault(request.uri().getPath(), new Answer(404, "", 0));
        receiver.writing();
        clock.advanceMillis(answer.serviceMillis());
        HttpHeaders headers =
                HttpHeaders.of(Map.of("content-type", List.of("application/json")), (name, value) -> true);
        receiver.headers(answer.status(), headers);
        byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
        receiver.body(body, 0, body.length);
        exchanges.incrementAndGet();
        return new Response(answer.status(), headers);
    }

    @Override
    public void close() {}
}
