package io.nsdb.ws.service;

import io.nsdb.core.model.MetricKey;
import io.nsdb.ws.http.ApiException;

/** Database, namespace and metric names from a request, a bad one a 400 naming it. */
final class Names {

  private Names() {}

  static MetricKey metric(String db, String namespace, String metric) {
    check("db", db);
    check("namespace", namespace);
    check("metric", metric);
    return new MetricKey(db, namespace, metric);
  }

  static String check(String what, String name) {
    try {
      return MetricKey.requireName(what, name);
    } catch (IllegalArgumentException e) {
      throw ApiException.invalidField(what, e.getMessage());
    }
  }
}
