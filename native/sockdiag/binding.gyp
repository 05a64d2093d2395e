{
  "targets": [
    {
      "target_name": "sockdiag",
      "sources": ["src/sockdiag.c"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter"],
      "defines": ["NAPI_VERSION=8"]
    }
  ]
}
