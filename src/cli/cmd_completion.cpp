// pipeline completion bash|zsh|fish: the script that makes the shell complete pipeline's
// command lines; and pipeline __complete LINE, which the scripts ask for the words.
#include <memory>

#include "command.hpp"
#include "completion.hpp"

namespace pipeline::cli {

void setup_completion(CLI::App& app, Context& ctx) {
    auto shell = std::make_shared<std::string>();
    CLI::App* cmd = app.add_subcommand("completion", tr("Print the shell completion script for bash, zsh or fish"));
    cmd->add_option("shell", *shell, tr("bash, zsh or fish"))->required()->type_name("SHELL")->check(CLI::IsMember({"bash", "zsh", "fish"}));
    cmd->callback([shell] { print(completion_script(*shell)); });

    // Asked by the scripts: the line up to the cursor in, the candidates out, one a line.
    auto line = std::make_shared<std::vector<std::string>>();
    CLI::App* complete = app.add_subcommand("__complete", "");
    complete->group("");  // not in the help
    // One argument, the line as the shell has it; it starts with the program's name, never a dash.
    complete->add_option("line", *line)->expected(0, 1);
    complete->callback([line, &app, &ctx] {
        std::string text;
        for (const std::string& w : *line) text += (text.empty() ? "" : " ") + w;
        std::vector<std::string> words = shell_words(text);
        if (!words.empty() && words.size() > 1) words.erase(words.begin());  // the program's name
        std::string out;
        for (const std::string& w : complete_words(app, words, ctx)) out += w + "\n";
        print(out);
    });
}

}  // namespace pipeline::cli
