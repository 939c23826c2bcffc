package io.github.junitloadtest.factory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseTransformerV2;
import com.github.tomakehurst.wiremock.http.QueryParameter;
import com.github.tomakehurst.wiremock.http.Response;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Optional;
import java.util.Set;

/**
 * Pages and filters the build-spec data set of the stub, as the real endpoint does: {@code limit}
 * (1 to 100, default 10), {@code offset} (0 or more, default 0) and {@code status} (draft, approved
 * or fallback). The data set is the mapping's body file; a bad parameter gives a 400 with a JSON error.
 */
final class BuildSpecsPager implements ResponseTransformerV2 {

    static final String NAME = "build-specs-pager";
    static final Set<String> STATUSES = Set.of("draft", "approved", "fallback");

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public Response transform(Response response, ServeEvent serveEvent) {
        var request = serveEvent.getRequest();
        Optional<Integer> limit = number(request.queryParameter("limit"), 10);
        Optional<Integer> offset = number(request.queryParameter("offset"), 0);
        QueryParameter statusParameter = request.queryParameter("status");
        String status = statusParameter.isPresent() ? statusParameter.firstValue() : null;
        if (limit.isEmpty() || limit.get() < 1 || limit.get() > 100) {
            return badRequest(response, "limit must be a whole number from 1 to 100");
        }
        if (offset.isEmpty() || offset.get() < 0) {
            return badRequest(response, "offset must be a whole number of 0 or more");
        }
        if (status != null && !STATUSES.contains(status)) {
            return badRequest(response, "status must be one of draft, approved, fallback");
        }
        JsonNode all = read(response.getBodyAsString()).get("buildSpecs");
        ArrayNode matching = JSON.createArrayNode();
        for (JsonNode spec : all) {
            if (status == null || status.equals(spec.get("status").asText())) {
                matching.add(spec);
            }
        }
        ArrayNode page = JSON.createArrayNode();
        for (int i = offset.get(); i < matching.size() && page.size() < limit.get(); i++) {
            page.add(matching.get(i));
        }
        ObjectNode body = JSON.createObjectNode();
        body.set("buildSpecs", page);
        ObjectNode pagination = body.putObject("pagination");
        pagination.put("limit", limit.get());
        pagination.put("offset", offset.get());
        pagination.put("total", matching.size());
        pagination.put("hasMore", offset.get() + page.size() < matching.size());
        return Response.Builder.like(response).but().body(body.toString()).build();
    }

    private static Response badRequest(Response response, String message) {
        ObjectNode body = JSON.createObjectNode().put("error", "invalid_query").put("message", message);
        return Response.Builder.like(response)
                .but()
                .status(400)
                .body(body.toString())
                .build();
    }

    private static Optional<Integer> number(QueryParameter parameter, int fallback) {
        if (!parameter.isPresent()) {
            return Optional.of(fallback);
        }
        try {
            return Optional.of(Integer.parseInt(parameter.firstValue()));
        } catch (NumberFormatException notANumber) {
            return Optional.empty();
        }
    }

    private static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("the build-spec data set is not valid JSON", e);
        }
    }
}
