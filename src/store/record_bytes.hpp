// A project record written into, and read from, a larger byte stream (an entry of the
// record cache). Internal to store/; record_codec.hpp is the whole-record interface.
#pragma once

#include "cache_bytes.hpp"
#include "pipeline/model/project.hpp"

namespace pipeline {

void write_project(cache_bytes::Writer& w, const Project& p);
// Fills `p`; the reader fails (ok() false) when the bytes are damaged.
void read_project(cache_bytes::Reader& in, Project& p);

}  // namespace pipeline
