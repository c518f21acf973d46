// Work on all cores for the loaders of this folder (the working tree, git revisions).
// Internal to src/store.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <thread>
#include <vector>

namespace pipeline {

// Threads for loading: one per core, or PIPELINE_JOBS.
inline unsigned load_threads(std::size_t files) {
    unsigned threads = std::max(1u, std::thread::hardware_concurrency());
    if (const char* env = std::getenv("PIPELINE_JOBS")) {
        char* end = nullptr;
        const long n = std::strtol(env, &end, 10);
        if (end != env && *end == '\0' && n >= 1) threads = static_cast<unsigned>(std::min(n, 256L));
    }
    // A thread is worth starting for a few dozen files, not for one.
    return static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, files / 32)));
}

// Runs per_item(i, state) for i in [0, n) on a fixed pool of threads, each taking the next
// index in turn; `state` (made once per thread by make_state) is scratch space such as a buffer.
// Results must land at their own index, so the outcome does not depend on timing.
template <class MakeState, class PerItem>
void parallel_for(std::size_t n, MakeState make_state, PerItem per_item) {
    std::atomic<std::size_t> next{0};
    auto work = [&] {
        auto state = make_state();
        for (std::size_t i = next++; i < n; i = next++) per_item(i, state);
    };
    const unsigned threads = load_threads(n);
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads; ++t) pool.emplace_back(work);
    work();
    for (std::thread& t : pool) t.join();
}

}  // namespace pipeline
