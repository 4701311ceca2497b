# SPDX-License-Identifier: GPL-2.0
#
# Makefile - stap: the translator, staprun and the resident runtime.
#
#   make            build stap, staprun and systemtap.ko for KVER
#   make demo       boot the guest kernel and run hello world and a kprobe
#   make check      run every test (host and guest), "N passed, N failed"
#   make install    PREFIX=/usr/local, DESTDIR honoured
#   make deps       install the Debian packages the above need
#   make check-kernels  make check on 6.1, 6.1-rt and 6.12 in turn
#   make check-stress   the reliability suite (kill -9, load/unload churn...)
#
# KVER is the kernel to build and test for (selftests/vm/kver: the running
# one if it has a build tree, else the newest installed).  It is chosen
# only after "make deps" has installed the packages: the targets that need
# it install them first, then run this Makefile again with KVER set.
PREFIX ?= /usr/local
BUILD := build
TOP := $(CURDIR)

CC ?= gcc
CFLAGS ?= -O2 -g
CFLAGS += -std=gnu11 -Wall -Wextra -Werror -D_GNU_SOURCE -Ikmod/include
CTL_LIBS := -lkmod -lelf
STAP_LIBS := -lelf -lbpf

DATADIR := $(BUILD)/share/stap
RTDIR := $(DATADIR)/runtime
KOBJ := $(BUILD)/kmod-$(KVER)

DEB_PKGS := gcc make libc6-dev libkmod-dev libelf-dev libdw-dev libbpf-dev \
	linux-image-amd64 linux-headers-amd64 qemu-system-x86 busybox-static \
	kmod xz-utils cpio bc flex bison iputils-ping python3

TRANSLATOR_SRCS := $(wildcard translator/*.c common/*.c)
CTL_SRCS := $(wildcard ctl/*.c common/*.c)
KMOD_SRCS := $(wildcard kmod/*.c kmod/*.h procfs/*.c procfs/*.h kmod/include/stap/*.h \
	kmod/include/stap/probes/*.h) Kbuild
COMPAT_TESTS := kmod/compat/configure $(wildcard kmod/compat/*.c)

# make with no target: all
.DEFAULT_GOAL := all

deps:
	@missing=; for p in $(DEB_PKGS); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed' || \
			missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
		echo "deps: installing$$missing"; \
		SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
		$$SUDO apt-get update -qq >/dev/null && \
		DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null || exit 1; \
	fi

KVER_TARGETS := all tools runtime demo check check-stress bench install fuzz

.PHONY: $(KVER_TARGETS) deps check-kernels clean

ifeq ($(STAP_KVER_SET),)

# Phase 1: packages, then the kernel release, then phase 2.
$(KVER_TARGETS): deps
	@kver="$(KVER)"; [ -n "$$kver" ] || kver=$$(selftests/vm/kver) || exit 1; \
	$(MAKE) --no-print-directory STAP_KVER_SET=1 KVER="$$kver" $@

# KERNELS="6.1 6.1-rt 6.12" (the default) picks lines of selftests/kernels.
check-kernels: deps
	@selftests/kernels check $(KERNELS)

else

ifeq ($(strip $(KVER)),)
$(error KVER is empty: no kernel to build for)
endif
KDIR ?= /lib/modules/$(KVER)/build

all: tools runtime

tools: $(BUILD)/bin/stap $(BUILD)/bin/staprun $(DATADIR)/tapset $(RTDIR)/include

$(BUILD)/bin/stap: $(TRANSLATOR_SRCS) $(wildcard translator/*.h common/*.h) kmod/include/stap/ctl.h \
		kmod/include/stap/regex.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Itranslator -Icommon -o $@ $(TRANSLATOR_SRCS) $(STAP_LIBS)

$(BUILD)/bin/staprun: $(CTL_SRCS) $(wildcard ctl/*.h common/*.h) kmod/include/stap/ctl.h
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -Ictl -Icommon -o $@ $(CTL_SRCS) $(CTL_LIBS)

$(DATADIR)/tapset:
	@mkdir -p $(DATADIR)
	ln -sfn $(TOP)/translator/tapset $@

$(RTDIR)/include:
	@mkdir -p $(RTDIR)
	ln -sfn $(TOP)/kmod/include $@

# kbuild writes next to its sources: build from a symlinked tree under build/.
runtime: $(RTDIR)/$(KVER)/systemtap.ko

# What the kernel's API has, tested by compiling (kmod/compat.h).
$(KOBJ)/generated/compat_config.h: $(COMPAT_TESTS)
	@mkdir -p $(dir $@)
	kmod/compat/configure $(KDIR) $(dir $@)

$(RTDIR)/$(KVER)/systemtap.ko: $(KMOD_SRCS) $(KOBJ)/generated/compat_config.h
	@mkdir -p $(KOBJ) $(RTDIR)/$(KVER)
	@for d in kmod procfs; do mkdir -p $(KOBJ)/$$d; done
	@cp -rsf $(TOP)/kmod/. $(KOBJ)/kmod/ && cp -rsf $(TOP)/procfs/. $(KOBJ)/procfs/ && \
		ln -sf $(TOP)/Kbuild $(KOBJ)/Kbuild
	@find $(KOBJ) -xtype l -delete
	$(MAKE) -C $(KDIR) M=$(TOP)/$(KOBJ) modules
	cp $(KOBJ)/systemtap.ko $(KOBJ)/Module.symvers $(RTDIR)/$(KVER)/

demo: all
	selftests/vm/run -k $(KVER) -- selftests/demo.sh

check: all
	@selftests/run-all

# The reliability suite (selftests/stress/): kill -9 and load/unload churn,
# removal behind a session's back, procfs floods, the smallest timers.
check-stress: all
	@STAP_SUITE=stress selftests/run-all

# Side by side with SystemTap 4.8 in one guest boot; prints, never asserts.
bench: all
	@bench/run

install: tools runtime
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/stap/runtime/include/stap/probes \
		$(DESTDIR)$(PREFIX)/share/stap/runtime/$(KVER) $(DESTDIR)$(PREFIX)/share/stap/tapset \
		$(DESTDIR)/lib/modules/$(KVER)/extra
	install -m 755 $(BUILD)/bin/stap $(DESTDIR)$(PREFIX)/bin/
	@# staprun as SystemTap's packages install it: setuid root, and only
	@# root and the stapusr group may run it (ctl/perm.c says the rest).
	@if [ "$$(id -u)" = 0 ]; then \
		for g in stapusr stapsys stapdev; do \
			getent group $$g > /dev/null || groupadd -r $$g || exit 1; \
		done; \
		echo install -m 4110 -o root -g stapusr $(BUILD)/bin/staprun $(DESTDIR)$(PREFIX)/bin/; \
		install -m 4110 -o root -g stapusr $(BUILD)/bin/staprun $(DESTDIR)$(PREFIX)/bin/; \
	else \
		echo "install: not root, so staprun is not setuid root: only root can run modules"; \
		install -m 755 $(BUILD)/bin/staprun $(DESTDIR)$(PREFIX)/bin/; \
	fi
	install -m 644 kmod/include/stap/*.h $(DESTDIR)$(PREFIX)/share/stap/runtime/include/stap/
	install -m 644 kmod/include/stap/probes/*.h \
		$(DESTDIR)$(PREFIX)/share/stap/runtime/include/stap/probes/
	install -m 644 $(RTDIR)/$(KVER)/Module.symvers $(DESTDIR)$(PREFIX)/share/stap/runtime/$(KVER)/
	cp -r translator/tapset/. $(DESTDIR)$(PREFIX)/share/stap/tapset/
	install -m 644 $(RTDIR)/$(KVER)/systemtap.ko $(DESTDIR)/lib/modules/$(KVER)/extra/
	@for m in Documentation/man/*.[0-9]; do \
		[ -e "$$m" ] || continue; \
		s=$${m##*.}; \
		install -d $(DESTDIR)$(PREFIX)/share/man/man$$s; \
		echo install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man$$s/; \
		install -m 644 $$m $(DESTDIR)$(PREFIX)/share/man/man$$s/ || exit 1; \
	done
	[ -n "$(DESTDIR)" ] || depmod -a $(KVER)

# Mutation fuzzing of passes 1-2 (AFL++, ASan+UBSan, one core, nice 10) for
# FUZZ_SECONDS; see fuzz/README.  Not part of check.
FUZZ_SECONDS ?= 60
fuzz:
	KVER=$(KVER) FUZZ_SECONDS=$(FUZZ_SECONDS) fuzz/run.sh

endif

clean:
	rm -rf $(BUILD)
