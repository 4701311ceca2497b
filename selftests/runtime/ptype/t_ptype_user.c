// SPDX-License-Identifier: GPL-2.0
/*
 * A hand-written handler module (selftests/runtime/ptype.sh): one probe of
 * the type T_TYPE.  Its first hit prints the hit number the provider lent
 * it and "ready"; it runs until staprun stops it.
 */
#include <linux/atomic.h>
#include <stap/stap.h>

#ifndef T_TYPE
#define T_TYPE	"selftest"
#endif

static atomic_t t_first = ATOMIC_INIT(1);

static void t_probe(struct stap_context *c)
{
	const u64 *hit = c->tdata;

	if (!atomic_xchg(&t_first, 0))
		return;
	stap_printf(c, "tdata=%lld\nready\n", hit ? (s64)*hit : -1LL);
}

static const struct stap_probe t_probes[] = {
	{ .type = T_TYPE, .pp = T_TYPE "(\"hand-written\")",
	  .handler = t_probe },
};

static const struct stap_module t_mod = {
	.abi_version = STAP_ABI_VERSION,
	.nprobes = ARRAY_SIZE(t_probes),
	.owner = THIS_MODULE,
	.probes = t_probes,
	.maxaction = MAXACTION,
	.maxerrors = MAXERRORS,
	.maxskipped = MAXSKIPPED,
	.script = "<hand-written>",
	.maxstringlen = MAXSTRINGLEN,
	.maxtrylock = MAXTRYLOCK,
	.trylockdelay = TRYLOCKDELAY,
};

static struct stap_session *t_sess;

static int __init t_user_init(void)
{
	return stap_session_register(&t_mod, &t_sess);
}

static void __exit t_user_exit(void)
{
	stap_session_unregister(t_sess);
}

module_init(t_user_init);
module_exit(t_user_exit);
MODULE_LICENSE("GPL");
