// SPDX-License-Identifier: GPL-2.0
/*
 * kmod/random.c - random numbers in probe context: randint() and the
 * .randomize spread of timers.
 *
 * get_random_u32() takes a local_lock, which PREEMPT_RT turns into a
 * sleeping lock: it must not be called from a hard interrupt (our
 * hrtimers) or a kprobe.  Probes draw from a per-CPU prandom state
 * instead, seeded from the kernel's CRNG when the runtime loads.
 */
#include "runtime.h"

#include <linux/irqflags.h>
#include <linux/percpu.h>
#include <linux/prandom.h>

static DEFINE_PER_CPU(struct rnd_state, stap_rnd);

void stap_random_init(void)
{
	prandom_seed_full_state(&stap_rnd);
}

/*
 * Any context.  Interrupts are off around the update so that a probe
 * interrupting this one on the same CPU never sees the state half
 * written.
 */
u32 stap_random_u32(void)
{
	unsigned long flags;
	u32 v;

	local_irq_save(flags);
	v = prandom_u32_state(this_cpu_ptr(&stap_rnd));
	local_irq_restore(flags);
	return v;
}

u64 stap_random_u64(void)
{
	return (u64)stap_random_u32() << 32 | stap_random_u32();
}
