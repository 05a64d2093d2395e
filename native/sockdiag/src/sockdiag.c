/*
 * Sockeye's netlink addon: the few system calls Node cannot make itself, nothing more.
 * Every message is built and decoded in TypeScript (src/main/core/netlink/), so this file
 * stays protocol-neutral and other users of sock_diag (SOCK_DESTROY, UNIX_DIAG) can reuse it.
 *
 *   request(protocol, message[, into]) -> Buffer | number
 *     Opens a NETLINK_<protocol> socket, sends `message` (one complete nlmsghdr + payload),
 *     and returns every reply message the kernel sends back, concatenated as received, up to
 *     NLMSG_DONE (a dump) or the first reply without NLM_F_MULTI. An NLMSG_ERROR with a
 *     non-zero code throws an Error whose `errno` property is that code (positive); an ack
 *     (NLMSG_ERROR with 0) ends the request and is not returned. A request that is not a dump
 *     should set NLM_F_ACK (a silent success would otherwise be waited for); no reply within
 *     5 s throws ETIMEDOUT rather than hanging the thread. With `into` (a Uint8Array large
 *     enough), the replies are copied into it and their length is returned instead: a caller
 *     that dumps every second reuses one buffer rather than mapping in megabytes of fresh
 *     memory each time (measured on the benchmark machines at ~4 ms per MB).
 *   subscribe(protocol, groups[], rcvbufBytes) -> fd
 *     A non-blocking netlink socket joined to the multicast `groups` (sock_diag destroy events).
 *   drain(fd) -> { data: Buffer, lost: number }
 *     Everything queued on `fd` right now; `lost` counts ENOBUFS (the queue overflowed and the
 *     kernel dropped events since the last drain).
 *   close(fd)
 *
 * N-API only (node_api.h), so one build loads in Node and in Electron alike.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <linux/netlink.h>
#include <node_api.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef SOL_NETLINK
#define SOL_NETLINK 270
#endif

#define RECV_CHUNK (256 * 1024)

typedef struct {
  char *data;
  size_t len;
  size_t cap;
} growbuf;

static int grow(growbuf *b, size_t more) {
  if (b->len + more <= b->cap) return 0;
  size_t cap = b->cap ? b->cap : 1 << 20;
  while (cap < b->len + more) cap *= 2;
  char *p = realloc(b->data, cap);
  if (!p) return -1;
  b->data = p;
  b->cap = cap;
  return 0;
}

static napi_value throw_errno(napi_env env, const char *what, int err) {
  char msg[256];
  snprintf(msg, sizeof msg, "%s: %s", what, strerror(err));
  napi_value text, error, code;
  napi_create_string_utf8(env, msg, NAPI_AUTO_LENGTH, &text);
  napi_create_error(env, NULL, text, &error);
  napi_create_int32(env, err, &code);
  napi_set_named_property(env, error, "errno", code);
  napi_throw(env, error);
  return NULL;
}

static napi_value throw_type(napi_env env, const char *msg) {
  napi_throw_type_error(env, NULL, msg);
  return NULL;
}

static int get_int(napi_env env, napi_value v, int32_t *out) {
  return napi_get_value_int32(env, v, out) == napi_ok ? 0 : -1;
}

/* Reads replies into `out` until the request is answered; returns 0 or a positive errno. */
static int collect_replies(int fd, growbuf *out, int dump) {
  for (;;) {
    if (grow(out, RECV_CHUNK) < 0) return ENOMEM;
    ssize_t n = recv(fd, out->data + out->len, RECV_CHUNK, 0);
    if (n < 0) {
      if (errno == EINTR) continue;
      return errno == EAGAIN || errno == EWOULDBLOCK ? ETIMEDOUT : errno;
    }
    if (n == 0) return EPIPE;
    char *start = out->data + out->len;
    size_t off = 0, keep = 0;
    int done = 0;
    while (!done && off + sizeof(struct nlmsghdr) <= (size_t)n) {
      struct nlmsghdr *h = (struct nlmsghdr *)(start + off);
      if (h->nlmsg_len < sizeof *h || off + h->nlmsg_len > (size_t)n) return EPROTO;
      if (h->nlmsg_type == NLMSG_DONE) {
        int code = 0;
        if (h->nlmsg_len >= NLMSG_LENGTH(sizeof(int))) memcpy(&code, NLMSG_DATA(h), sizeof code);
        if (code < 0) return -code;
        done = 1;
      } else if (h->nlmsg_type == NLMSG_ERROR) {
        struct nlmsgerr *e = NLMSG_DATA(h);
        if (h->nlmsg_len >= NLMSG_LENGTH(sizeof *e) && e->error != 0) return -e->error;
        done = 1;
      } else {
        /* Keep the message in place: the replies stay contiguous in `out`. */
        off += NLMSG_ALIGN(h->nlmsg_len);
        keep = off > (size_t)n ? (size_t)n : off;
        if (!dump && !(h->nlmsg_flags & NLM_F_MULTI)) done = 1;
      }
    }
    out->len += keep;
    if (done) return 0;
  }
}

/* Replies are gathered here, per thread, and the memory kept between requests (see above). */
static __thread growbuf scratch;

static napi_value request(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int32_t protocol;
  if (argc < 2 || get_int(env, argv[0], &protocol) < 0) return throw_type(env, "request(protocol, message)");
  void *msg;
  size_t msglen;
  bool is_typed;
  napi_is_typedarray(env, argv[1], &is_typed);
  if (is_typed) {
    napi_typedarray_type type;
    size_t length, offset;
    napi_value ab;
    napi_get_typedarray_info(env, argv[1], &type, &length, &msg, &ab, &offset);
    msglen = length;
  } else if (napi_get_buffer_info(env, argv[1], &msg, &msglen) != napi_ok) {
    return throw_type(env, "request: message must be a Uint8Array");
  }
  if (msglen < sizeof(struct nlmsghdr)) return throw_type(env, "request: message shorter than a netlink header");
  int dump = (((struct nlmsghdr *)msg)->nlmsg_flags & NLM_F_DUMP) == NLM_F_DUMP;

  int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, protocol);
  if (fd < 0) return throw_errno(env, "netlink socket", errno);
  struct timeval limit = {.tv_sec = 5};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &limit, sizeof limit);
  struct sockaddr_nl kernel = {.nl_family = AF_NETLINK};
  ssize_t sent;
  do sent = sendto(fd, msg, msglen, 0, (struct sockaddr *)&kernel, sizeof kernel);
  while (sent < 0 && errno == EINTR);
  if (sent < 0) {
    int err = errno;
    close(fd);
    return throw_errno(env, "netlink send", err);
  }
  growbuf *out = &scratch;
  out->len = 0;
  int err = collect_replies(fd, out, dump);
  close(fd);
  if (err) return throw_errno(env, "netlink request", err);
  napi_value result;
  bool into = false;
  if (argc > 2) napi_is_typedarray(env, argv[2], &into);
  if (into) {
    napi_typedarray_type type;
    size_t length, offset;
    void *dest;
    napi_value ab;
    napi_get_typedarray_info(env, argv[2], &type, &length, &dest, &ab, &offset);
    if (type == napi_uint8_array && length >= out->len) {
      if (out->len) memcpy(dest, out->data, out->len);
      napi_create_double(env, (double)out->len, &result);
      return result;
    }
  }
  void *copy;
  /* A copy, not an external buffer: Electron's V8 sandbox forbids external memory. */
  napi_status st = napi_create_buffer_copy(env, out->len, out->len ? out->data : "", &copy, &result);
  if (st != napi_ok) return throw_errno(env, "netlink reply buffer", ENOMEM);
  return result;
}

static napi_value subscribe(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int32_t protocol, rcvbuf = 0;
  uint32_t count = 0;
  bool is_array = false;
  if (argc < 2 || get_int(env, argv[0], &protocol) < 0 || napi_is_array(env, argv[1], &is_array) != napi_ok ||
      !is_array)
    return throw_type(env, "subscribe(protocol, groups[], rcvbufBytes)");
  if (argc > 2) get_int(env, argv[2], &rcvbuf);
  napi_get_array_length(env, argv[1], &count);

  int fd = socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC | SOCK_NONBLOCK, protocol);
  if (fd < 0) return throw_errno(env, "netlink socket", errno);
  if (rcvbuf > 0) {
    /* FORCE needs CAP_NET_ADMIN; without it the plain option is capped by rmem_max. */
    if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &rcvbuf, sizeof rcvbuf) < 0)
      setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf);
  }
  struct sockaddr_nl local = {.nl_family = AF_NETLINK};
  if (bind(fd, (struct sockaddr *)&local, sizeof local) < 0) {
    int err = errno;
    close(fd);
    return throw_errno(env, "netlink bind", err);
  }
  for (uint32_t i = 0; i < count; i++) {
    napi_value v;
    int32_t group;
    napi_get_element(env, argv[1], i, &v);
    if (get_int(env, v, &group) < 0) {
      close(fd);
      return throw_type(env, "subscribe: groups must be numbers");
    }
    if (setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, sizeof group) < 0) {
      int err = errno;
      close(fd);
      return throw_errno(env, "netlink join group", err);
    }
  }
  napi_value result;
  napi_create_int32(env, fd, &result);
  return result;
}

static napi_value drain(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int32_t fd;
  if (argc < 1 || get_int(env, argv[0], &fd) < 0) return throw_type(env, "drain(fd)");
  growbuf out = {0};
  int lost = 0;
  for (;;) {
    if (grow(&out, RECV_CHUNK) < 0) break;
    ssize_t n = recv(fd, out.data + out.len, RECV_CHUNK, MSG_DONTWAIT);
    if (n < 0) {
      if (errno == EINTR) continue;
      if (errno == ENOBUFS) {
        lost++;
        continue;
      }
      if (errno == EAGAIN || errno == EWOULDBLOCK) break;
      int err = errno;
      free(out.data);
      return throw_errno(env, "netlink drain", err);
    }
    if (n == 0) break;
    out.len += (size_t)n; /* one datagram per recv: whole messages, each NLMSG_ALIGNed */
  }
  napi_value result, data, lostv;
  void *copy;
  napi_create_buffer_copy(env, out.len, out.len ? out.data : "", &copy, &data);
  free(out.data);
  napi_create_int32(env, lost, &lostv);
  napi_create_object(env, &result);
  napi_set_named_property(env, result, "data", data);
  napi_set_named_property(env, result, "lost", lostv);
  return result;
}

static napi_value close_fd(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1];
  napi_get_cb_info(env, info, &argc, argv, NULL, NULL);
  int32_t fd;
  if (argc < 1 || get_int(env, argv[0], &fd) < 0) return throw_type(env, "close(fd)");
  close(fd);
  return NULL;
}

NAPI_MODULE_INIT() {
  napi_property_descriptor props[] = {
      {"request", NULL, request, NULL, NULL, NULL, napi_enumerable, NULL},
      {"subscribe", NULL, subscribe, NULL, NULL, NULL, napi_enumerable, NULL},
      {"drain", NULL, drain, NULL, NULL, NULL, napi_enumerable, NULL},
      {"close", NULL, close_fd, NULL, NULL, NULL, napi_enumerable, NULL},
  };
  napi_define_properties(env, exports, sizeof props / sizeof props[0], props);
  return exports;
}
