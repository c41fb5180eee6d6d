// libpcap, loaded the first time a capture is opened rather than at every start. Linked the
// usual way, libpcap brings eight more shared libraries (dbus, systemd, gcrypt, lzma, zstd, lz4,
// gpg-error, cap) that the loader maps and relocates before main, about 1.2 MB of memory and a
// share of the start-up time of every command, while most commands (a scenario, an export)
// never read a capture. These are the pcap functions tcpstep calls, under their own names, each
// forwarding to the library's; a function added to the Swift side must be added here too (the
// link fails until it is).
#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <pcap/pcap.h>

static void *library;
static char failure[PCAP_ERRBUF_SIZE];
static pthread_once_t loaded = PTHREAD_ONCE_INIT;

static void load(void) {
    static const char *const names[] = {
#ifdef __APPLE__
        "libpcap.A.dylib", "libpcap.dylib",
#else
        "libpcap.so.0.8", "libpcap.so.1", "libpcap.so",  // Debian's name first
#endif
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0] && library == NULL; i++) {
        library = dlopen(names[i], RTLD_NOW | RTLD_LOCAL);
    }
    if (library == NULL) snprintf(failure, sizeof failure, "libpcap could not be loaded: %s", dlerror());
}

static void *symbol(const char *name) {
    pthread_once(&loaded, load);
    return library != NULL ? dlsym(library, name) : NULL;
}

// A function that opens a capture says why when libpcap is missing, in its error buffer.
#define OPENING(name, params, args)                                                   \
    pcap_t *name params {                                                             \
        pcap_t *(*real) params = (pcap_t *(*) params)symbol(#name);                  \
        if (real == NULL) {                                                           \
            snprintf(errbuf, PCAP_ERRBUF_SIZE, "%s", library ? "libpcap lacks " #name : failure); \
            return NULL;                                                              \
        }                                                                             \
        return real args;                                                             \
    }
// The rest are only called with a handle, so libpcap is loaded; `otherwise` covers an old
// libpcap without the function.
#define FORWARD(type, name, params, args, otherwise)                                  \
    type name params {                                                                \
        type (*real) params = (type (*) params)symbol(#name);                        \
        return real != NULL ? real args : otherwise;                                  \
    }

OPENING(pcap_create, (const char *source, char *errbuf), (source, errbuf))
OPENING(pcap_open_offline_with_tstamp_precision, (const char *path, u_int precision, char *errbuf), (path, precision, errbuf))
FORWARD(int, pcap_set_snaplen, (pcap_t *p, int snaplen), (p, snaplen), PCAP_ERROR)
FORWARD(int, pcap_set_timeout, (pcap_t *p, int ms), (p, ms), PCAP_ERROR)
FORWARD(int, pcap_set_immediate_mode, (pcap_t *p, int on), (p, on), PCAP_ERROR)
FORWARD(int, pcap_set_tstamp_precision, (pcap_t *p, int precision), (p, precision), PCAP_ERROR)
FORWARD(int, pcap_get_tstamp_precision, (pcap_t *p), (p), PCAP_TSTAMP_PRECISION_MICRO)
FORWARD(int, pcap_activate, (pcap_t *p), (p), PCAP_ERROR)
FORWARD(int, pcap_next_ex, (pcap_t *p, struct pcap_pkthdr **header, const u_char **data), (p, header, data), PCAP_ERROR)
FORWARD(int, pcap_setfilter, (pcap_t *p, struct bpf_program *program), (p, program), -1)
FORWARD(int, pcap_setnonblock, (pcap_t *p, int on, char *errbuf), (p, on, errbuf), -1)
FORWARD(char *, pcap_geterr, (pcap_t *p), (p), failure)
FORWARD(int, pcap_compile, (pcap_t *p, struct bpf_program *program, const char *text, int optimize, bpf_u_int32 netmask),
        (p, program, text, optimize, netmask), -1)
FORWARD(int, pcap_datalink, (pcap_t *p), (p), -1)
FORWARD(const char *, pcap_datalink_val_to_name, (int dlt), (dlt), NULL)
FORWARD(int, pcap_get_selectable_fd, (pcap_t *p), (p), -1)

void pcap_close(pcap_t *p) {
    void (*real)(pcap_t *) = (void (*)(pcap_t *))symbol("pcap_close");
    if (real != NULL) real(p);
}

void pcap_freecode(struct bpf_program *program) {
    void (*real)(struct bpf_program *) = (void (*)(struct bpf_program *))symbol("pcap_freecode");
    if (real != NULL) real(program);
}
