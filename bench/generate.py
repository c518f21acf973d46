#!/usr/bin/env python3
"""Generates a synthetic pipeline repository of N projects for the benchmark.

    generate.py N DIR [--seed S] [--today 2026-11-23]

The projects are shaped like examples/sales: Chinese text, every stage and outcome,
histories that are legal under the default process and satisfy its gates, risks,
payments; about 1.2 KB each. The same N and seed always give the same bytes.
pipeline.yaml is copied from examples/sales. Python 3 standard library only.
"""
import argparse
import datetime
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLE = os.path.join(os.path.dirname(HERE), "examples", "sales", "pipeline.yaml")

STAGES = ["lead", "initiation", "requirements", "solution", "relations", "tender", "contract"]
SALES = ["zhang.san", "zhao.min", "chen.jing", "liu.yang"]
REGIONS = {
    "east": ["HZ", "NB", "SH", "NJ", "SU", "WX"],
    "north": ["BJ", "TJ", "SJZ", "TY", "JN"],
    "south": ["GZ", "SZ", "FS", "DG", "XM"],
    "west": ["CD", "CQ", "XA", "KM", "WH"],
}
CITY = {"HZ": "杭州", "NB": "宁波", "SH": "上海", "NJ": "南京", "SU": "苏州", "WX": "无锡", "BJ": "北京",
        "TJ": "天津", "SJZ": "石家庄", "TY": "太原", "JN": "济南", "GZ": "广州", "SZ": "深圳", "FS": "佛山",
        "DG": "东莞", "XM": "厦门", "CD": "成都", "CQ": "重庆", "XA": "西安", "KM": "昆明", "WH": "武汉"}
CUSTOMERS = [("市第一人民医院", "卫生"), ("中心医院", "卫生"), ("职业技术学院", "教育"), ("理工大学", "教育"),
             ("公共交通集团有限公司", "交通"), ("地铁集团有限公司", "交通"), ("水务集团有限公司", "公用事业"),
             ("燃气有限公司", "公用事业"), ("精密制造股份有限公司", "制造业"), ("汽车零部件有限公司", "制造业"),
             ("农村商业银行", "金融"), ("城市商业银行", "金融"), ("市大数据管理局", "政府"), ("区政务服务中心", "政府")]
SYSTEMS = ["智慧校园一卡通平台", "数据中心机房改造", "智能调度系统", "视频监控联网平台", "信息化集成项目",
           "网络安全等级保护建设", "云桌面与终端管理", "智慧园区综合管理平台", "核心交换网络升级", "业务中台建设"]
SOURCES = ["展会", "转介绍", "电话营销", "官网咨询", "行业研究", "老客户"]
CONTACT_NAMES = ["王主任", "李处长", "张总", "刘经理", "陈科长", "杨书记", "黄部长", "周工", "吴院长", "孙主任",
                 "马处长", "胡经理", "郭总", "林主任", "何科长", "高工"]
TITLES = ["信息中心主任", "分管副院长", "财务处处长", "技术负责人", "采购部经理", "总经理", "网络中心工程师"]
NOTES = ["拜访客户，介绍方案", "电话沟通需求细节", "现场演示，客户反馈良好", "提交技术交流材料",
         "与信息中心讨论参数", "客户内部汇报，等待结论", "微信确认下周会议安排", "陪同领导考察样板项目"]
RISKS = [("competition", "竞争对手低价冲击，可能压缩利润"), ("customer", "客户预算审批可能延期到明年"),
         ("contract", "付款条件苛刻，回款周期较长"), ("market", "上游设备涨价，成本上升"),
         ("legal", "招标文件资质要求存在争议")]
COMPETITORS = ["东软", "新开普", "正方软件", "华为", "中交信科", "浪潮", "卫宁健康", "海康威视"]
LOST_REASONS = ["价格高于竞争对手", "客户选择了原有供应商", "决策人调整，新领导倾向对手", "技术方案评分落后"]
ABANDON_REASONS = ["客户项目取消，预算收回", "需求变化过大，投入产出不合算"]


def day(d):
    return d.isoformat()


def flow(pairs):
    """A flow mapping {k: v, ...}; values are plain scalars the generator controls."""
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


def project(rng, index, today):
    region = rng.choice(sorted(REGIONS))
    code = rng.choice(REGIONS[region])
    pid = f"{code}-{2025 + index % 2}-{index:06d}"
    owner = SALES[index % len(SALES)]
    customer, industry = rng.choice(CUSTOMERS)
    customer = CITY[code] + customer
    # Outcome and stage: every stage and every outcome appear.
    roll = rng.random()
    status = "open" if roll < 0.75 else "won" if roll < 0.83 else "lost" if roll < 0.95 else "abandoned"
    if status == "won":
        stage = len(STAGES) - 1
    else:
        stage = rng.choices(range(len(STAGES)), weights=[32, 24, 15, 10, 8, 6, 5])[0]
    # History: one entry per stage reached, dates ascending and never after today.
    steps = stage + 1 + (0 if status == "open" else 1)
    span = rng.randrange(steps * 10, steps * 40)
    start = today - datetime.timedelta(days=span + rng.randrange(0, 60))
    dates = sorted(start + datetime.timedelta(days=rng.randrange(0, span)) for _ in range(steps))
    dates = [min(d, today - datetime.timedelta(days=1)) for d in dates]
    amount = rng.randrange(20, 2000) * 10000 + (rng.choice([0, 0, 0, 50]) if rng.random() < 0.2 else 0)
    amount_text = f"{amount}" if amount % 100 == 0 else f"{amount // 100}.{amount % 100:02d}"
    currency = rng.choice(["CNY"] * 18 + ["USD", "EUR"])
    if currency != "CNY":
        amount_text = str(rng.randrange(5, 300) * 1000)
    out = [f"id: {pid}",
           f"name: {customer}{rng.choice(SYSTEMS)}",
           "customer:",
           f"  name: {customer}",
           f"  industry: {industry}",
           f"  size: {rng.choice(['large', 'medium', 'small'])}",
           f"  grade: {rng.choice(['strategic', 'important', 'general'])}",
           f"owner: {owner}"]
    if stage >= 1:
        out += ["sponsor: li.si", "team:", f"  - {flow([('name', owner), ('role', '销售')])}",
                f"  - {flow([('name', 'sun.hao'), ('role', '售前')])}"]
    out.append(f"amount: {amount_text}")
    if currency != "CNY":
        out.append(f"currency: {currency}")
    out.append(f"margin: {rng.randrange(10, 40)}")
    if status == "open":
        close = today + datetime.timedelta(days=rng.randrange(1, 540))
        out.append(f"expected_close: {day(close)}")
    out.append(f"stage: {STAGES[stage]}")
    if status != "open":
        out.append(f"status: {status}")
        out.append(f"closed_on: {day(dates[-1])}")
        if status != "won":
            out.append(f"close_reason: {rng.choice(LOST_REASONS if status == 'lost' else ABANDON_REASONS)}")
    out += ["lead:", f"  source: {rng.choice(SOURCES)}", f"  grade: {rng.choice('ABC')}",
            "  bant: {budget: true, authority: true, need: true, timeline: false}"]
    # Contacts: enough to satisfy the gates of every stage left.
    contacts = [(rng.choice(CONTACT_NAMES), rng.choice(TITLES), "decision_maker", "support"),
                (rng.choice(CONTACT_NAMES), rng.choice(TITLES), "influencer", "neutral"),
                (rng.choice(CONTACT_NAMES), rng.choice(TITLES), "insider", "support")]
    out.append("contacts:")
    for name, title, role, attitude in contacts[: 1 + min(stage, 2)]:
        out.append(f"  - {flow([('name', name), ('title', title), ('role', role), ('attitude', attitude)])}")
    if stage >= 3:
        out.append(f"competitors: [{', '.join(rng.sample(COMPETITORS, 2))}]")
    if rng.random() < 0.5:
        out.append("risks:")
    for kind, text in rng.sample(RISKS, 1) if out[-1] == "risks:" else []:
        out += [f"  - type: {kind}", f"    description: {text}", f"    likelihood: {rng.randrange(1, 6)}",
                f"    impact: {rng.randrange(1, 6)}", "    mitigation: 提前与客户沟通，准备预案", f"    owner: {owner}"]
        if status != "open":
            out.append("    status: closed")
    # Activities: recent ones for open projects (so they are not stale).
    last = today - datetime.timedelta(days=rng.randrange(0, 6)) if status == "open" else dates[-1]
    out.append("activities:")
    for back in ((9, 0) if stage >= 2 else (0,)):
        out.append(f"  - {flow([('date', day(max(last - datetime.timedelta(days=back), dates[0]))), ('type', 'visit'), ('note', rng.choice(NOTES))])}")
    out.append("history:")
    out.append(f"  - {flow([('date', day(dates[0])), ('to', 'lead'), ('by', owner), ('note', rng.choice(SOURCES) + '获取')])}")
    for s in range(1, stage + 1):
        out.append(f"  - {flow([('date', day(dates[s])), ('from', STAGES[s - 1]), ('to', STAGES[s]), ('by', owner)])}")
    if status != "open":
        out.append(f"  - {flow([('date', day(dates[-1])), ('from', STAGES[stage]), ('to', status), ('by', owner)])}")
    approvals = []
    if stage >= 1:
        approvals.append(flow([("type", "initiation"), ("by", "li.si"), ("date", day(dates[1])), ("result", "approved")]))
    if status == "abandoned":
        approvals.append(flow([("type", "termination"), ("by", "li.si"), ("date", day(dates[-1])), ("result", "approved")]))
    if approvals:
        out.append("approvals:")
        out += [f"  - {a}" for a in approvals]
    if stage >= 2:
        out += ["requirements:", f"  design_plan: {day(dates[2])}", "  technical_parameters: true"]
    if stage >= 3:
        out += ["solution:", "  in_customer_design: true"]
    if stage >= 5:
        published = dates[5] - datetime.timedelta(days=20)
        won_tender = stage >= 6 or status == "won"
        out += ["tender:", f"  published_on: {day(published)}", f"  deadline: {day(dates[5])}",
                f"  result: {'won' if won_tender else rng.choice(['pending', 'lost'] if status == 'lost' else ['pending'])}"]
    if stage >= 6:
        signed = dates[-1] if status == "won" else dates[6]
        out += ["contract:", f"  number: HT-{pid}", f"  signed_on: {day(signed)}", f"  amount: {amount_text}"]
        if status == "won":
            first = int(float(amount_text) * 30) / 100
            out.append("payments:")
            out.append(f"  - {flow([('due', day(signed + datetime.timedelta(days=30))), ('amount', f'{first:.2f}'), ('received', f'{first:.2f}')])}")
            rest = round(float(amount_text) - first, 2)
            out.append(f"  - {flow([('due', day(signed + datetime.timedelta(days=180))), ('amount', f'{rest:.2f}')])}")
    if status != "open":
        out += ["review:", f"  date: {day(dates[-1])}", "  summary: 复盘完成，经验已在周会分享。"]
    return region, pid, "\n".join(out) + "\n"


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("count", type=int)
    parser.add_argument("directory")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--today", default="2026-11-23")
    args = parser.parse_args()
    today = datetime.date.fromisoformat(args.today)
    if os.path.exists(args.directory):
        sys.exit(f"{args.directory} exists; remove it first")
    os.makedirs(os.path.join(args.directory, "projects"))
    shutil.copyfile(EXAMPLE, os.path.join(args.directory, "pipeline.yaml"))
    with open(os.path.join(args.directory, ".gitignore"), "w", encoding="utf-8") as f:
        f.write(".pipeline/\n")
    os.makedirs(os.path.join(args.directory, ".pipeline"))
    rng = random.Random(args.seed)
    made = set()
    for index in range(1, args.count + 1):
        region, pid, text = project(rng, index, today)
        folder = os.path.join(args.directory, "projects", region)
        if region not in made:
            os.makedirs(folder, exist_ok=True)
            made.add(region)
        with open(os.path.join(folder, pid + ".yaml"), "w", encoding="utf-8") as f:
            f.write(text)


if __name__ == "__main__":
    main()
