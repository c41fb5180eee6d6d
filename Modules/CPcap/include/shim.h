// shim.h: what Swift cannot use from <pcap/pcap.h> directly, wrapped once, here.
#ifndef TCPSTEP_CPCAP_SHIM_H
#define TCPSTEP_CPCAP_SHIM_H

#include <pcap/pcap.h>

// PCAP_ERRBUF_SIZE imports, but a Swift buffer sized from it needs an Int; a function says so.
static inline int cp_errbuf_size(void) { return PCAP_ERRBUF_SIZE; }

// pcap_pkthdr's timestamp is a struct timeval whose field types differ between platforms
// (time_t / suseconds_t). Flattening it here keeps the Swift side free of #if.
static inline long long cp_ts_seconds(const struct pcap_pkthdr *header) { return (long long)header->ts.tv_sec; }
static inline long long cp_ts_fraction(const struct pcap_pkthdr *header) { return (long long)header->ts.tv_usec; }

#endif
