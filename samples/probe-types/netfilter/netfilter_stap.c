// SPDX-License-Identifier: GPL-2.0
/*
 * samples/probe-types/netfilter/netfilter_stap.c - the "netfilter" probe
 * type, provided from outside the stap tree: netfilter.hook("NF_INET_*")
 * registers an IPv4 netfilter hook in init_net for each probe while its
 * session runs.  netfilter.stp describes the points and the context
 * values to stap; the accessors below read them from the hit.
 */
#include <linux/ip.h>
#include <linux/module.h>
#include <linux/netdevice.h>
#include <linux/netfilter.h>
#include <linux/netfilter_ipv4.h>
#include <linux/skbuff.h>
#include <linux/slab.h>
#include <net/net_namespace.h>
#include <stap/probe_type.h>

#include "netfilter_stap.h"

static const char *const hook_names[] = {
	[NF_INET_PRE_ROUTING] = "NF_INET_PRE_ROUTING",
	[NF_INET_LOCAL_IN] = "NF_INET_LOCAL_IN",
	[NF_INET_FORWARD] = "NF_INET_FORWARD",
	[NF_INET_LOCAL_OUT] = "NF_INET_LOCAL_OUT",
	[NF_INET_POST_ROUTING] = "NF_INET_POST_ROUTING",
};

/* One hook of a session's probe. */
struct nf_probe {
	struct nf_hook_ops ops;
	struct stap_probe_set *set;
	u32 i;
	bool registered;
};

/* What a handler reads: c->tdata during one hit. */
struct nf_hit {
	struct sk_buff *skb;
	const struct nf_hook_state *state;
	s64 verdict;
	char addr[16];		/* "255.255.255.255" */
};

static int nf_hooknum(const struct stap_probe *p)
{
	const struct stap_point_arg *a = stap_point_arg(p, "hook");
	int i;

	for (i = 0; a && a->str && i < ARRAY_SIZE(hook_names); i++)
		if (!strcmp(a->str, hook_names[i]))
			return i;
	return -EINVAL;
}

static int nf_check(const struct stap_probe *p)
{
	return nf_hooknum(p) < 0 ? -EINVAL : 0;
}

static unsigned int nf_hook_fn(void *priv, struct sk_buff *skb,
			       const struct nf_hook_state *state)
{
	struct nf_probe *np = priv;
	struct nf_hit hit = { .skb = skb, .state = state,
			      .verdict = NF_ACCEPT };

	preempt_disable();
	stap_probe_hit(np->set, np->i, NULL, &hit);
	preempt_enable();
	/* a script may drop (-g): anything else lets the packet pass */
	return hit.verdict == NF_DROP ? NF_DROP : NF_ACCEPT;
}

static int nf_init(struct stap_probe_set *set)
{
	struct nf_probe *np = kcalloc(set->n, sizeof(*np), GFP_KERNEL);
	u32 i;

	if (!np)
		return -ENOMEM;
	for (i = 0; i < set->n; i++) {
		const struct stap_probe *p = stap_set_probe(set, i);
		const struct stap_point_arg *prio = stap_point_arg(p, "priority");

		np[i].set = set;
		np[i].i = i;
		np[i].ops.hook = nf_hook_fn;
		np[i].ops.priv = &np[i];
		np[i].ops.pf = NFPROTO_IPV4;
		np[i].ops.hooknum = nf_hooknum(p);
		np[i].ops.priority = prio ? prio->num : 0;
	}
	set->priv = np;
	return 0;
}

static void nf_free(struct stap_probe_set *set)
{
	kfree(set->priv);
	set->priv = NULL;
}

static int nf_attach(struct stap_probe_set *set)
{
	struct nf_probe *np = set->priv;
	u32 i;
	int rc;

	for (i = 0; i < set->n; i++) {
		rc = nf_register_net_hook(&init_net, &np[i].ops);
		if (rc) {
			stap_session_warn(set->session,
					  "probe %s registration error (rc %d)",
					  stap_set_probe(set, i)->pp, rc);
			continue;
		}
		np[i].registered = true;
	}
	return 0;
}

/* nf_unregister_net_hook() waits for the hooks running (synchronize_net). */
static void nf_detach(struct stap_probe_set *set)
{
	struct nf_probe *np = set->priv;
	u32 i;

	for (i = 0; i < set->n; i++) {
		if (!np[i].registered)
			continue;
		nf_unregister_net_hook(&init_net, &np[i].ops);
		np[i].registered = false;
	}
}

static struct stap_probe_type nf_type = {
	.api_version = STAP_PROVIDER_API_VERSION,
	.name = "netfilter",
	.owner = THIS_MODULE,
	.when = STAP_WHEN_RUNNING,
	.check = nf_check,
	.init = nf_init,
	.free = nf_free,
	.attach = nf_attach,
	.detach = nf_detach,
};

/* ---- accessors: the description's $names ---------------------------- */

static struct nf_hit *hit_of(struct stap_context *c)
{
	return c->tdata;
}

s64 stap_nf_length(struct stap_context *c)
{
	return hit_of(c)->skb->len;
}
EXPORT_SYMBOL_GPL(stap_nf_length);

static const struct iphdr *nf_iph(struct nf_hit *h, struct iphdr *buf)
{
	return skb_header_pointer(h->skb, skb_network_offset(h->skb),
				  sizeof(*buf), buf);
}

s64 stap_nf_protocol(struct stap_context *c)
{
	struct iphdr buf;
	const struct iphdr *iph = nf_iph(hit_of(c), &buf);

	return iph ? iph->protocol : -1;
}
EXPORT_SYMBOL_GPL(stap_nf_protocol);

static const char *nf_addr(struct stap_context *c, bool src)
{
	struct nf_hit *h = hit_of(c);
	struct iphdr buf;
	const struct iphdr *iph = nf_iph(h, &buf);

	if (!iph)
		return "";
	snprintf(h->addr, sizeof(h->addr), "%pI4",
		 src ? &iph->saddr : &iph->daddr);
	return h->addr;
}

const char *stap_nf_saddr(struct stap_context *c)
{
	return nf_addr(c, true);
}
EXPORT_SYMBOL_GPL(stap_nf_saddr);

const char *stap_nf_daddr(struct stap_context *c)
{
	return nf_addr(c, false);
}
EXPORT_SYMBOL_GPL(stap_nf_daddr);

const char *stap_nf_indev_name(struct stap_context *c)
{
	const struct net_device *d = hit_of(c)->state->in;

	return d ? d->name : "";
}
EXPORT_SYMBOL_GPL(stap_nf_indev_name);

const char *stap_nf_outdev_name(struct stap_context *c)
{
	const struct net_device *d = hit_of(c)->state->out;

	return d ? d->name : "";
}
EXPORT_SYMBOL_GPL(stap_nf_outdev_name);

s64 stap_nf_skb(struct stap_context *c)
{
	return (long)hit_of(c)->skb;
}
EXPORT_SYMBOL_GPL(stap_nf_skb);

s64 stap_nf_verdict(struct stap_context *c)
{
	return hit_of(c)->verdict;
}
EXPORT_SYMBOL_GPL(stap_nf_verdict);

void stap_nf_set_verdict(struct stap_context *c, s64 v)
{
	hit_of(c)->verdict = v;
}
EXPORT_SYMBOL_GPL(stap_nf_set_verdict);

static int __init stap_nf_init(void)
{
	return stap_probe_type_register(&nf_type);
}

static void __exit stap_nf_exit(void)
{
	stap_probe_type_unregister(&nf_type);
}

module_init(stap_nf_init);
module_exit(stap_nf_exit);
MODULE_ALIAS(STAP_PROBE_TYPE_ALIAS_PREFIX "netfilter");
MODULE_DESCRIPTION("stap probe type provider: netfilter.hook");
MODULE_LICENSE("GPL");
