// SPDX-License-Identifier: GPL-2.0
/* timer_container_of(): v6.16 renamed from_timer(). */
#include <linux/timer.h>

struct stap_conftest_s {
	struct timer_list tl;
};

struct stap_conftest_s *stap_conftest(struct timer_list *t);
struct stap_conftest_s *stap_conftest(struct timer_list *t)
{
	struct stap_conftest_s *s = timer_container_of(s, t, tl);

	return s;
}
