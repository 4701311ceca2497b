// SPDX-License-Identifier: GPL-2.0
/*
 * timer_delete_sync(): v6.2 renamed del_timer_sync(), 6.1.y stable took the
 * new name in a backport (Debian's 6.1.0-57 has it, its older 6.1 ABIs do
 * not), and v6.15 removed the old one.
 */
#include <linux/timer.h>

int stap_conftest(struct timer_list *t);
int stap_conftest(struct timer_list *t)
{
	return timer_delete_sync(t);
}
