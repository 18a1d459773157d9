package io.nsdb.ws.http;

import io.nsdb.ws.json.Json;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.StatusCodes;

/** Answers with a JSON body. */
public final class JsonResponses {

  private JsonResponses() {}

  public static HttpResponse json(int status, Object body) {
    return HttpResponse.create()
        .withStatus(StatusCodes.get(status))
        .withEntity(HttpEntities.create(ContentTypes.APPLICATION_JSON, Json.write(body)));
  }

  public static HttpResponse ok(Object body) {
    return json(200, body);
  }
}
