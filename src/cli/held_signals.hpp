// While a HeldSignals lives, an interrupt (Ctrl-C, a terminal closed, kill's TERM) waits: the
// write in progress finishes — a change of several files is whole or undone, an output file is
// in place and no temporary file is left — and the signal then ends the process as it would have.
#pragma once

#include <csignal>
#include <string>

#include <unistd.h>

#include "pipeline/base/i18n.hpp"

namespace pipeline::cli {

class HeldSignals {
public:
    HeldSignals() {
        sigset_t held;
        sigemptyset(&held);
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) sigaddset(&held, sig);
        sigprocmask(SIG_BLOCK, &held, &before_);
    }
    // A signal that waited ends the process as soon as it is let through: say first that what was
    // being written is whole, so a script's log shows why the command printed no result.
    ~HeldSignals() {
        sigset_t pending;
        sigpending(&pending);
        bool waited = false;
        for (int sig : {SIGINT, SIGTERM, SIGHUP, SIGQUIT}) waited = waited || sigismember(&pending, sig) == 1;
        if (waited) {
            const std::string message = std::string("pipeline: ") + tr("interrupted; the files being written were finished (or put back) first") + "\n";
            [[maybe_unused]] const auto n = ::write(STDERR_FILENO, message.data(), message.size());
        }
        sigprocmask(SIG_SETMASK, &before_, nullptr);
    }
    HeldSignals(const HeldSignals&) = delete;
    HeldSignals& operator=(const HeldSignals&) = delete;

private:
    sigset_t before_;
};

}  // namespace pipeline::cli
