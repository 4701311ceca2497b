// SPDX-License-Identifier: GPL-2.0
/*
 * translator/hash.c - 128-bit FNV-1a.  The cache key only has to tell
 * inputs apart, not resist an attacker: the cache directory is private.
 */
#include <stdio.h>

#include "session.h"

void hash128_hex(const void *data, size_t len, char out[33])
{
	const unsigned __int128 prime =
		((unsigned __int128)1 << 88) + 0x13b;
	unsigned __int128 h = ((unsigned __int128)0x6c62272e07bb0142ULL << 64) |
			      0x62b821756295c58dULL;
	const unsigned char *p = data;
	size_t i;

	for (i = 0; i < len; i++) {
		h ^= p[i];
		h *= prime;
	}
	snprintf(out, 33, "%016llx%016llx", (unsigned long long)(h >> 64),
		 (unsigned long long)h);
}
