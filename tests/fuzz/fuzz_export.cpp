// libFuzzer target: any bytes as an export for pipeline import — a CSV in any encoding or an
// .xlsx package — and every cell through the value readers of the import: findings or values,
// never a crash, a hang or a leak.
#include <cstddef>
#include <cstdint>
#include <string>

#include "pipeline/change/import_values.hpp"
#include "pipeline/store/table_read.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view bytes(reinterpret_cast<const char*>(data), size);
    pipeline::Diagnostics out;
    std::optional<pipeline::ReadTable> table;
    if (pipeline::looks_like_xlsx(bytes)) table = pipeline::read_xlsx_table(bytes, "export.xlsx", "", out);
    else table = pipeline::read_csv_table(bytes, "export.csv", pipeline::TextEncoding::automatic, out);
    if (!table) return 0;
    for (const pipeline::TableRow& row : table->rows)
        for (const pipeline::TableCell& cell : row.cells) {
            (void)pipeline::export_amount(cell.text, 10000);
            (void)pipeline::export_date(cell.text, pipeline::DateOrder::day_first);
            (void)pipeline::export_boolean(cell.text);
            (void)pipeline::export_number(cell.text);
        }
    return 0;
}
