// The language of a run, chosen before the command line is parsed (its help and its refusals
// are already in it): --lang, else `language:` of the repository's pipeline.yaml (the team's
// choice wins over the machine's), else LC_ALL / LC_MESSAGES / LANG.
#pragma once

#include <string>

#include "pipeline/base/i18n.hpp"

namespace pipeline::cli {

// The folder holding LANG/LC_MESSAGES/pipeline.mo: $PIPELINE_LOCALEDIR, else locale/ beside the
// binary (a build tree), else ../share/locale from it (an installed tree moved elsewhere), else
// the folder it was installed with.
std::string catalog_folder();

// Scans argv for --lang and -C without parsing it, reads the team's choice and switches to the
// language. An unknown --lang value is left to the parser, which refuses it.
void choose_language(int argc, char** argv);

// Validates a --lang value.
CLI::Validator language_value();

}  // namespace pipeline::cli
