// While a HeldSignals lives, an interrupt (Ctrl-C, a terminal closed, kill's TERM) waits: the
// write in progress finishes — a change of several files is whole or undone, an output file is
// in place and no temporary file is left — and the signal then ends the process as it would have.
#pragma once

#include <csignal>

namespace pipeline::cli {

class HeldSignals {
public:
    HeldSignals() {
        sigset_t held;
        sigemptyset(&held);
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&held, sig);
        sigprocmask(SIG_BLOCK, &held, &before_);
    }
    ~HeldSignals() { sigprocmask(SIG_SETMASK, &before_, nullptr); }
    HeldSignals(const HeldSignals&) = delete;
    HeldSignals& operator=(const HeldSignals&) = delete;

private:
    sigset_t before_;
};

}  // namespace pipeline::cli
