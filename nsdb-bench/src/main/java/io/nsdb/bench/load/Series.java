package io.nsdb.bench.load;

/** One series of the dataset: the three tags of measurement {@code cpu}. */
record Series(String host, String region, String datacenter) {

  /**
   * The line-protocol prefix up to the field value: {@code cpu,host=..,region=..,datacenter=..
   * value=}.
   */
  String lineProtocolPrefix() {
    return "cpu,host=" + host + ",region=" + region + ",datacenter=" + datacenter + " value=";
  }
}
