/* SPDX-License-Identifier: GPL-2.0 */
/*
 * netfilter_stap.h - the accessors netfilter_stap.ko exports: what
 * netfilter.stp names for each $name.  A handler module looks them up at
 * load (symbol_get); nothing includes this header but the provider.
 */
#ifndef _NETFILTER_STAP_H
#define _NETFILTER_STAP_H

#include <stap/stap.h>

s64 stap_nf_length(struct stap_context *c);
s64 stap_nf_protocol(struct stap_context *c);
const char *stap_nf_saddr(struct stap_context *c);
const char *stap_nf_daddr(struct stap_context *c);
const char *stap_nf_indev_name(struct stap_context *c);
const char *stap_nf_outdev_name(struct stap_context *c);
s64 stap_nf_skb(struct stap_context *c);
s64 stap_nf_verdict(struct stap_context *c);
void stap_nf_set_verdict(struct stap_context *c, s64 v);

#endif /* _NETFILTER_STAP_H */
