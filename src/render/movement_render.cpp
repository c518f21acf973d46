#include "pipeline/render/movement_render.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "pipeline/base/i18n.hpp"
#include "pipeline/render/json.hpp"

namespace pipeline {
namespace {

constexpr std::array<MovementKind, kMovementKinds> kKinds{
    MovementKind::revalued, MovementKind::added,     MovementKind::removed, MovementKind::amount,
    MovementKind::advanced, MovementKind::regressed, MovementKind::won,     MovementKind::lost,
    MovementKind::abandoned, MovementKind::reopened, MovementKind::pulled_in, MovementKind::pushed_out,
    MovementKind::close_moved, MovementKind::other,
};

constexpr std::array<PipelineBucket, kPipelineBuckets> kBuckets{
    PipelineBucket::added,      PipelineBucket::pulled_in, PipelineBucket::increases, PipelineBucket::pushed_out,
    PipelineBucket::decreases,  PipelineBucket::lost,      PipelineBucket::won,       PipelineBucket::other,
};

std::size_t index_of(MovementKind k) { return static_cast<std::size_t>(k); }
std::size_t index_of(PipelineBucket b) { return static_cast<std::size_t>(b); }

// A change: signed for people ("+12,000.00", "-45,000.00", "0.00"), plain for machines.
std::string delta_cell(Money m, NumberStyle style) {
    if (style.machines) return plain_money(m);
    const std::string shown = style.money(m);
    return (m.cents > 0 && shown.find_first_not_of("0.,") != std::string::npos ? "+" : "") + shown;
}

std::string group_label(const std::vector<GroupValue>& keys) {
    std::string out;
    for (const GroupValue& k : keys) out += (out.empty() ? "" : " / ") + group_value_label(k);
    return out;
}

// The label of movement_kind_label(), which marks it for the catalog, translated.
std::string kind_label(MovementKind k) { return tr(movement_kind_label(k)); }

std::string what_moved(const Movement& m) {
    if (m.from.empty()) return m.to.local();
    if (m.to.empty()) return m.from.local();
    return m.from.local() + " → " + m.to.local();
}

void write_revision(JsonWriter& w, const Revision& r) {
    w.begin_object();
    w.key("revision");
    r.given.empty() ? w.null() : w.value(r.given);
    w.key("commit");
    r.commit ? w.value(r.commit->id) : w.null();
    w.key("date");
    r.commit ? w.value(r.commit->date.iso()) : w.null();
    w.key("summary");
    r.commit ? w.value(r.commit->summary) : w.null();
    w.key("label").value(r.label());
    w.end_object();
}

void write_keys(JsonWriter& w, const std::vector<GroupValue>& keys) {
    w.key("keys").begin_object();
    for (const GroupValue& k : keys) {
        w.key(group_key_name(k.key));
        k.value.empty() ? w.null() : w.value(k.value);
    }
    w.end_object();
    w.key("labels").begin_object();
    for (const GroupValue& k : keys) w.key(group_key_name(k.key)).value(k.label);
    w.end_object();
}

void write_waterfall(JsonWriter& w, const Waterfall& f) {
    w.key("before").money(f.before);
    w.key("deltas").begin_object();
    for (MovementKind k : kKinds) w.key(movement_kind_id(k)).money(f.deltas[index_of(k)]);
    w.end_object();
    w.key("change").money(f.change());
    w.key("after").money(f.after);
}

void write_pipeline_waterfall(JsonWriter& w, const PipelineWaterfall& f) {
    w.key("pipeline_waterfall").begin_object();
    w.key("start").money(f.start);
    for (PipelineBucket b : kBuckets) w.key(pipeline_bucket_id(b)).money(f.buckets[index_of(b)]);
    w.key("end").money(f.end);
    w.end_object();
}

const char* unit_name(PeriodUnit u) {
    switch (u) {
        case PeriodUnit::month: return "month";
        case PeriodUnit::quarter: return "quarter";
        case PeriodUnit::year: return "year";
    }
    return "quarter";
}

}  // namespace

std::string revision_label(const Revision& r) { return r.commit ? r.label() : std::string(tr("the working tree")); }

std::string movement_caption(const MovementContext& c, bool markdown) {
    // TRANSLATORS: the range of dates (describe_range), then the currency code.
    std::string out = (markdown ? "### " : "") + trf("Forecast movement, {}, in {}", describe_range(c.range), money_unit_label(c.money_unit, c.currency));
    out += filter_clause(c.filter);
    out += markdown ? "\n\n" : "\n";
    auto line = [&](const char* what, const Revision& r, const std::optional<Date>& since) {
        std::string text = revision_label(r);
        if (r.commit && !r.commit->summary.empty()) text += ": " + r.commit->summary;
        // TRANSLATORS: follows the revision --since found; a date.
        if (since) text += trf(" (the last commit before {})", since->iso());
        out += markdown ? fmt::format("- {}: {}\n", what, markdown_escape(text)) : fmt::format("  {:<4} {}\n", what, text);
    };
    // TRANSLATORS: "from" and "to" label the two states of the repository compared, and are the
    // headers of the columns of what a project was before and after.
    line(tr("from"), c.from, c.since);
    line(tr("to"), c.to, std::nullopt);
    return out;
}

Table movement_table(const ForecastMovement& m, const Process& process, const MovementContext& c, NumberStyle style) {
    Table t;
    if (!style.machines) {
        t.columns = {{tr("id")}, {tr("name"), Align::left, true}, {tr("owner")},
                     {tr("movement")}, {tr("what moved"), Align::left, true}, {tr("delta"), Align::right}};
        for (const Movement& mv : m.movements)
            t.rows.push_back({mv.id.empty() ? mv.path : mv.id, mv.name, process.display_name(mv.owner),
                              kind_label(mv.kind), what_moved(mv), delta_cell(mv.delta, style)});
        return t;
    }
    t.columns = {{tr("id")}, {tr("name")}, {tr("owner")}, {tr("path")}, {tr("movement")}, {tr("from")}, {tr("to")}};
    // TRANSLATORS: a CSV header: the group of one --by key ("owner", "quarter", or a custom field's key).
    for (GroupKey k : c.by) t.columns.push_back({trf("by_{}", group_key_header(k))});
    t.columns.push_back({tr("delta"), Align::right});
    for (const Movement& mv : m.movements) {
        const std::vector<std::string> head{mv.id, mv.name, mv.owner, mv.path, movement_kind_id(mv.kind),
                                            mv.from_plain.empty() ? mv.from.local() : mv.from_plain,
                                            mv.to_plain.empty() ? mv.to.local() : mv.to_plain};
        if (c.by.empty() || mv.groups.empty()) {
            std::vector<std::string> row = head;
            row.resize(head.size() + c.by.size());
            row.push_back(delta_cell(mv.delta, style));
            t.rows.push_back(std::move(row));
            continue;
        }
        for (const GroupDelta& g : mv.groups) {
            std::vector<std::string> row = head;
            for (const GroupValue& k : g.group) row.push_back(k.value);
            row.push_back(delta_cell(g.delta, style));
            t.rows.push_back(std::move(row));
        }
    }
    return t;
}

Table waterfall_table(const ForecastMovement& m, const MovementContext& c) {
    const NumberStyle style = NumberStyle::for_people(c.money_unit);
    Table t;
    t.columns = {{tr("movement")}, {tr("projects"), Align::right}};
    if (c.by.empty()) {
        t.columns.push_back({tr("weighted"), Align::right});
    } else {
        for (const Waterfall& g : m.groups) t.columns.push_back({group_label(g.group), Align::right});
        t.columns.push_back({tr("total"), Align::right});
    }
    auto values = [&](std::vector<std::string>& row, auto&& cell) {
        for (const Waterfall& g : m.groups) row.push_back(cell(g));
        row.push_back(cell(m.total));
    };
    // A group that a kind did not touch shows blank, so the changes stand out.
    auto change = [&](MovementKind k) {
        return [&, k](const Waterfall& w) {
            const Money d = w.deltas[index_of(k)];
            return d.cents == 0 && &w != &m.total ? std::string() : delta_cell(d, style);
        };
    };
    std::vector<std::string> start{revision_label(c.from), ""};
    values(start, [&](const Waterfall& w) { return style.money(w.before); });
    t.rows.push_back(std::move(start));
    for (MovementKind k : kKinds) {
        if (m.counts[index_of(k)] == 0) continue;
        std::vector<std::string> row{kind_label(k), std::to_string(m.counts[index_of(k)])};
        values(row, change(k));
        t.rows.push_back(std::move(row));
    }
    t.total = {revision_label(c.to), ""};
    values(t.total, [&](const Waterfall& w) { return style.money(w.after); });
    return t;
}

Table pipeline_waterfall_table(const ForecastMovement& m, const MovementContext& c) {
    const NumberStyle style = NumberStyle::for_people(c.money_unit);
    Table t;
    // TRANSLATORS: the header of the first column of the waterfall of the open pipeline at full
    // amount (`pipeline diff`), beside that of the weighted forecast.
    t.columns = {{tr("open pipeline")}};
    if (c.by.empty()) {
        t.columns.push_back({tr("amount"), Align::right});
    } else {
        for (const PipelineWaterfall& g : m.pipeline_groups) t.columns.push_back({group_label(g.group), Align::right});
        t.columns.push_back({tr("total"), Align::right});
    }
    auto values = [&](std::vector<std::string>& row, auto&& cell) {
        for (const PipelineWaterfall& g : m.pipeline_groups) row.push_back(cell(g));
        row.push_back(cell(m.pipeline));
    };
    std::vector<std::string> start{revision_label(c.from)};
    values(start, [&](const PipelineWaterfall& w) { return style.money(w.start); });
    t.rows.push_back(std::move(start));
    for (PipelineBucket b : kBuckets) {
        const auto moved = [b](const PipelineWaterfall& w) { return w.buckets[index_of(b)].cents != 0; };
        // The buckets a sales team reads are always there; the rest only when it holds something.
        if (b == PipelineBucket::other && !moved(m.pipeline) && std::none_of(m.pipeline_groups.begin(), m.pipeline_groups.end(), moved))
            continue;
        std::vector<std::string> row{tr(pipeline_bucket_label(b))};
        // As in the weighted waterfall, a group the bucket did not touch shows blank.
        values(row, [&](const PipelineWaterfall& w) {
            return !moved(w) && &w != &m.pipeline ? std::string() : delta_cell(w.buckets[index_of(b)], style);
        });
        t.rows.push_back(std::move(row));
    }
    t.total = {revision_label(c.to)};
    values(t.total, [&](const PipelineWaterfall& w) { return style.money(w.end); });
    return t;
}

std::string render_movement_json(const ForecastMovement& m, const MovementContext& c) {
    JsonWriter w;
    w.begin_object();
    w.key("from");
    write_revision(w, c.from);
    w.key("to");
    write_revision(w, c.to);
    w.key("since");
    c.since ? w.value(c.since->iso()) : w.null();
    w.key("currency").value(c.currency);
    w.key("range").begin_object();
    w.key("label");
    c.range.label.empty() ? w.null() : w.value(c.range.label);
    w.key("from");
    c.range.from ? w.value(c.range.from->iso()) : w.null();
    w.key("to");
    c.range.to ? w.value(c.range.to->iso()) : w.null();
    w.end_object();
    w.key("filter").begin_array();
    for (const std::string& term : c.filter) w.value(term);
    w.end_array();
    w.key("by").begin_array();
    for (GroupKey k : c.by) w.value(group_key_name(k));
    w.end_array();
    w.key("period_unit").value(unit_name(c.unit));
    w.key("movements").begin_array();
    for (const Movement& mv : m.movements) {
        w.begin_object();
        w.key("id").value(mv.id);
        w.key("name").value(mv.name);
        w.key("owner").value(mv.owner);
        w.key("path").value(mv.path);
        w.key("kind").value(movement_kind_id(mv.kind));
        w.key("from").value(mv.from_plain.empty() ? mv.from.english() : mv.from_plain);
        w.key("to").value(mv.to_plain.empty() ? mv.to.english() : mv.to_plain);
        w.key("delta").money(mv.delta);
        w.key("groups").begin_array();
        for (const GroupDelta& g : mv.groups) {
            w.begin_object();
            write_keys(w, g.group);
            w.key("delta").money(g.delta);
            w.end_object();
        }
        w.end_array();
        w.end_object();
    }
    w.end_array();
    w.key("counts").begin_object();
    for (MovementKind k : kKinds) w.key(movement_kind_id(k)).value(m.counts[index_of(k)]);
    w.end_object();
    w.key("groups").begin_array();
    for (std::size_t i = 0; i < m.groups.size(); ++i) {
        w.begin_object();
        write_keys(w, m.groups[i].group);
        write_waterfall(w, m.groups[i]);
        write_pipeline_waterfall(w, m.pipeline_groups[i]);
        w.end_object();
    }
    w.end_array();
    w.key("total").begin_object();
    write_waterfall(w, m.total);
    w.end_object();
    write_pipeline_waterfall(w, m.pipeline);
    w.end_object();
    return w.str();
}

}  // namespace pipeline
