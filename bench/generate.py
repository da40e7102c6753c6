#!/usr/bin/env python3
"""A deterministic corpus of realistic win/loss reviews for bench/run.

    bench/generate.py OUT_DIR --count N [--seed S] [--git]

Writes OUT_DIR/review.yaml and OUT_DIR/reviews/<YYYY>/<close-date>-<slug>.md in the
format of docs/writing-reviews.md: the full front matter with valid vocabularies,
600-1,200 words, English and Chinese, tables, links, task-list actions. About 10%
use blame phrasing and about 10% miss a required section, so a linter has work.
With --git the reviews are committed through `git fast-import` (one commit per
review, in close-date order, plus a later edit commit for one review in ten), which
takes seconds where `git add` + `git commit` per file would take hours.

The same N and seed give byte-identical files on any machine (Python's random with
an explicit seed is stable across versions for the calls used here).
"""

import argparse
import os
import random
import subprocess
import sys

OUTCOMES = ["won", "lost", "no-decision"]
OUTCOME_WEIGHTS = [45, 40, 15]
FACTORS = ["business-outcome", "capability-fit", "capability-gap", "integration", "ease-of-use",
           "implementation-risk", "security-compliance", "price", "vendor-viability", "references",
           "relationship", "sales-experience", "partner-ecosystem", "status-quo", "internal-politics",
           "budget-timing", "strategic-alignment", "other"]
ROLES = ["economic-buyer", "decision-maker", "champion", "coach", "technical-evaluator", "subject-expert",
         "user", "influencer", "procurement", "legal-security", "blocker", "external-advisor", "other"]
SEGMENTS = ["enterprise", "mid-market", "smb", "public-sector"]
PRICE_ROLES = ["deciding", "contributing", "not-a-factor", "unknown"]
SELECTIONS = ["all-above-threshold", "random-sample", "requested", "manual"]
TEAMS = ["product", "marketing", "finance", "enablement", "sales", "customer-success"]
REGIONS = ["APAC", "EMEA", "NA", "LATAM"]
CURRENCIES = ["USD", "EUR", "CNY", "GBP", "SGD"]
EVIDENCE = ["buyer-interview", "call-recordings", "crm-notes", "rfp-scorecard", "partner-debrief"]
COMPETITORS = ["LedgerCo", "Finlytics", "Orbit Systems", "Qiantang Soft", "Kestrel Cloud", "Norda",
               "Blueframe", "Yunhe Data", "Tessellate", "Marlin Works", "incumbent", "in-house"]
TITLES = ["CIO", "CFO", "CTO", "Head of Payments Operations", "Head of Risk and Compliance",
          "VP Sales Operations", "Procurement Lead", "IT Architect", "Chief Nursing Officer",
          "Data Protection Officer", "General Counsel", "Head of Finance Systems", "Plant Manager",
          "Director of Customer Experience", "首席信息官", "财务总监", "采购经理", "运营副总裁"]
AES = ["Zhang Qi", "Maria Lopez", "Lena Park", "Ravi Menon", "Grace Mensah", "Tomás Silva",
       "Aiko Tanaka", "Liu Yang", "Sofia Rossi", "Daniel Okafor", "Chen Jing", "Priya Nair",
       "Omar Haddad", "Eva Lindqvist", "Wang Fang", "Marcus Reed"]
OWNERS = ["Priya Nair", "Lena Park", "Ravi Menon", "Grace Mensah", "Zhang Qi", "Ana Costa",
          "Kofi Boateng", "Li Wei", "Hannah Becker", "Diego Ramos"]
ACCOUNT_FIRST = ["Northwind", "Altamira", "Huaxin", "Brightwater", "Keller", "Meridian", "Lumen", "Andes",
                 "Pacific Orchard", "Aldermoor", "Jinhai", "Serra Azul", "Cascade", "Rongtong", "Solvang",
                 "Tessaro", "Greenfield", "Harbor", "Summit", "Redwood", "Silver Lake", "Golden Gate",
                 "Eastbridge", "Nordlicht", "Kowloon", "Baltic", "Sahara", "Maple", "Coral", "Granite"]
ACCOUNT_SECOND = ["Pay", "Seguros", "Securities", "Credit Union", "Logistik", "Health", "Retail", "Bank",
                  "Insurance", "Energia", "Outfitters", "Logistics", "University", "Manufacturing",
                  "Telecom", "Foods", "Airlines", "Pharma", "Capital", "Motors"]

EN_SUMMARY = [
    "{account}, a {segment} customer in {region}, decided on {product} after {months} months of evaluation.",
    "The buying committee compared us with {competitor} on daily operations, reporting and total cost.",
    "Our champion ran a structured pilot with two teams and shared the scorecard with us before the decision.",
    "The decision turned in the last two weeks, when a leader we had not met reviewed the shortlist.",
    "We learned most of what follows in a neutral follow-up call with the buyer, a week after the close.",
    "The deal was sized for the first business unit, with an option to extend to three more next year.",
    "Procurement asked for a three-year price hold and a named support contact during the rollout.",
    "The evaluation was thorough and friendly, and the customer offered to speak with us again in six months.",
]
EN_VALUE = [
    "In the debrief the {title} put it this way: \"we needed something our auditors could read without us in the room.\"",
    "The value they bought reaches beyond the first user group: finance, risk and the service desk all gain from it.",
    "They described the choice as a way to retire three spreadsheets and a nightly batch job that often failed.",
    "\"It was the only option that our regional teams could run without a consultant,\" the {title} told us.",
    "For them, the win is fewer manual evidence requests and a month-end close that finishes two days earlier.",
    "The customer framed the value in terms of risk: one platform, one audit trail, one contract to manage.",
    "Their words, not ours: \"the integration story was credible because your partner had done it twice before.\"",
    "Value for the operations team was speed; value for the executive team was a clear view of exposure.",
]
EN_VOICES = [
    "- **{title} ({role}, {room}).** {voice_note}",
    "- **{title} ({role}, {room}).** Set the must-have list and signed off on the shortlist.",
    "- **{title} ({role}, {room}).** Ran the technical evaluation and wrote the integration checklist.",
    "- **{title} ({role}, {room}).** Our strongest supporter, who arranged the follow-up call.",
]
EN_VOICE_NOTES = [
    "Joined none of our meetings, yet the final call was theirs.",
    "Asked the sharpest questions about data residency and exit costs.",
    "Approved the budget for either vendor and stayed neutral throughout.",
    "Brought in an outside advisor in the final month.",
]
EN_FACTORS = [
    "The audit-trail export was a hard requirement; the customer treated it as pass or fail.",
    "Integration with their existing ERP mattered more than any single feature we demonstrated.",
    "References from a similar company in the same region carried a lot of weight with the committee.",
    "Implementation risk was the deciding theme: they wanted a partner who had done this migration before.",
    "Ease of use for the frontline team was scored in a two-week pilot with real data.",
    "Vendor viability came up late, when the board asked about our funding and support model.",
    "Budget timing shaped the decision: the money had to be committed before the fiscal year closed.",
    "The status quo was a real option; doing nothing for another year would have cost them little.",
]
EN_PRICE = [
    "Price contributed but did not decide. The CFO said our three-year cost was about {pct}% higher.",
    "Price was not a factor in the buyer's own account; they mentioned it only when we asked directly.",
    "Price decided between two options that met every requirement; the gap was {pct}% over three years.",
]
EN_NEXT = [
    "Next time we will ask in the first two meetings who signs off on controls and what their must-haves are.",
    "We will bring the compliance story earlier, with a deck written for executives rather than operators.",
    "We will offer a reference call with a customer of the same size in the same region before the pilot ends.",
    "We will map the buying committee by the second meeting and check it with our champion every month.",
    "We will share the implementation plan before the proposal, so the risk discussion starts early.",
    "We will keep the pilot short and focused on the two workflows the customer scored highest.",
]
BLAME_EN = [
    "Honestly, the AE dropped the ball and the customer was too stupid to see the value.",
    "It was the SE's fault that the demo failed; he should have known better.",
    "Marketing screwed up the deck, and legal dragged their feet on purpose.",
]
ZH_SUMMARY = [
    "{account}在{months}个月的评估之后做出了决定，最终选择了{competitor}。",
    "客户的采购委员会从日常运营、报表和总体成本三个方面比较了我们和竞争对手。",
    "我们在成交一周后与买方进行了一次中立的回访，下面的大部分内容来自那次谈话。",
    "这个项目最初只覆盖一个业务部门，明年可能扩展到另外三个部门。",
]
ZH_VALUE = [
    "{title}这样说：“我们需要的是审计人员不用我们在场也能看懂的东西。”",
    "他们买到的价值不止于第一批用户：财务、风控和服务台都从中受益。",
    "客户把这次选择描述为淘汰三张电子表格和一个经常失败的夜间批处理任务。",
]
ZH_VOICES = [
    "- **{title}（{role}，{room_zh}）。** 设定了必须具备的功能清单，并批准了最终名单。",
    "- **{title}（{role}，{room_zh}）。** 负责技术评估，编写了集成检查清单。",
]
ZH_FACTORS = [
    "审计追踪导出是硬性要求，客户把它当作一票否决项。",
    "与现有ERP的集成比我们演示的任何单个功能都更重要。",
    "同一地区类似公司的客户推荐对委员会影响很大。",
    "实施风险是决定性的主题：他们希望合作伙伴以前做过这样的迁移。",
]
ZH_NEXT = [
    "下次我们会在前两次会议中问清楚谁负责审批控制措施，以及他们的必备要求是什么。",
    "我们会更早地介绍合规方面的价值，并准备一份面向高管的演示文稿。",
    "我们会在第二次会议前画出采购委员会的结构，并每月与支持者核对一次。",
]
BLAME_ZH = [
    "说实话，这都怪销售，客户也太笨了，根本看不懂我们的价值。",
]
FILLER_EN = [
    "The team kept notes after every call, which made this review quick to write.",
    "We checked these points with the champion before publishing the review.",
    "The same pattern appeared in two other deals this quarter in the same segment.",
    "None of this was visible in the CRM notes at the time; it surfaced only in the debrief.",
    "The customer was generous with their time and open about how they decided.",
    "We have linked the call recordings and the scorecard in the CRM record.",
    "This is worth repeating: the buyer noticed details that our team had treated as minor.",
    "A short written summary after each meeting would have helped the committee compare options.",
    "The rollout plan they chose starts with one region and adds the others over two quarters.",
    "Several people on the customer side changed roles during the evaluation, which slowed it down.",
]

EN_HEADINGS = {
    "summary": "Summary",
    "value": "How would the customer articulate the value of their choice?",
    "voices": "Who were the most influential voices in and outside the room?",
    "factors": "Beyond price, what were the key factors in the decision?",
    "price": "Role of price",
    "next-lost": "What we will do differently",
    "next-won": "What we will repeat and what we will improve",
    "sources": "Sources",
}
ZH_HEADINGS = {
    "summary": "概要",
    "value": "客户会如何表达他们选择的价值？",
    "voices": "谁是会议室内外最具影响力的声音？",
    "factors": "除了价格以外，客户决策的关键因素是什么？",
    "price": "价格的作用",
    "next-lost": "我们下次会怎么做",
    "next-won": "哪些要继续保持，哪些要改进",
    "sources": "资料来源",
}
REQUIRED = ["summary", "value", "voices", "factors", "next"]


def yaml_quote(text):
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def slugify(name):
    out, dash = [], False
    for ch in name.lower():
        if ch.isascii() and ch.isalnum():
            out.append(ch)
            dash = False
        elif not dash:
            out.append("-")
            dash = True
    return "".join(out).strip("-")


class Corpus:
    def __init__(self, count, seed):
        self.count = count
        self.rng = random.Random(seed)
        self.entries = []  # (relative path, close date) in generation order
        # Spread close dates over enough years that each year holds a few thousand reviews at most.
        self.first_year = 2026 - max(1, min(12, count // 1500))

    def close_date(self, index):
        span_days = (2026 - self.first_year + 1) * 365
        day = min(span_days - 1, (index * span_days) // max(1, self.count) + self.rng.randrange(0, 3))
        year = self.first_year + day // 365
        day_of_year = day % 365
        month = min(12, day_of_year // 31 + 1)
        dom = min(28, day_of_year % 31 + 1)
        return year, month, dom

    def review(self, index):
        rng = self.rng
        year, month, dom = self.close_date(index)
        date = f"{year:04d}-{month:02d}-{dom:02d}"
        review_day = min(28, dom + rng.randrange(3, 14))
        review_date = f"{year:04d}-{month:02d}-{review_day:02d}"
        account = f"{rng.choice(ACCOUNT_FIRST)} {rng.choice(ACCOUNT_SECOND)}"
        slug = f"{slugify(account)}-{index:06d}"
        path = f"reviews/{year:04d}/{date}-{slug}.md"
        outcome = rng.choices(OUTCOMES, OUTCOME_WEIGHTS)[0]
        chinese = rng.random() < 0.15
        blame = rng.random() < 0.10
        missing = rng.choice(REQUIRED) if rng.random() < 0.10 else None
        competitors = rng.sample(COMPETITORS, rng.randrange(1, 4))
        segment = rng.choice(SEGMENTS)
        region = rng.choice(REGIONS)
        ae = rng.choice(AES)
        factors = rng.sample(FACTORS, rng.randrange(2, 6))
        price_role = rng.choice(PRICE_ROLES)
        stakeholders = []
        for _ in range(rng.randrange(2, 6)):
            stakeholders.append((rng.choice(TITLES), rng.choice(ROLES), rng.random() < 0.6, rng.random() < 0.7))
        if not any(role in ("decision-maker", "economic-buyer") for _, role, _, _ in stakeholders):
            stakeholders[0] = (stakeholders[0][0], "decision-maker", stakeholders[0][2], stakeholders[0][3])

        fm = ["---", "schema: 1",
              f"title: {yaml_quote(account + ' ' + rng.choice(['platform replacement', 'expansion', 'pilot', 'core-ledger migration', 'analytics rollout']))}",
              f"account: {yaml_quote(account)}", f"outcome: {outcome}"]
        if outcome == "lost":
            fm.append(f"lost_to: {yaml_quote(competitors[0])}")
        fm += [f"competitors: [{', '.join(yaml_quote(c) for c in competitors)}]",
               f"close_date: {date}", f"review_date: {review_date}",
               f"account_executive: {ae}", f"amount: {rng.randrange(20, 2000) * 1000}",
               f"currency: {rng.choice(CURRENCIES)}", f"segment: {segment}", f"region: {region}",
               f"buyer_interviewed: {'true' if rng.random() < 0.7 else 'false'}",
               f"evidence: [{', '.join(rng.sample(EVIDENCE, rng.randrange(1, 4)))}]",
               "stakeholders:"]
        for title, role, in_room, engaged in stakeholders:
            fm += [f"  - title: {title}", f"    role: {role}",
                   f"    in_room: {'true' if in_room else 'false'}", f"    engaged: {'true' if engaged else 'false'}"]
        fm += [f"decision_factors: [{', '.join(factors)}]", f"price_role: {price_role}",
               f"price_evidence: {yaml_quote('CFO: 3-year cost about ' + str(rng.randrange(3, 30)) + '% higher')}",
               f"selection: {rng.choice(SELECTIONS)}", f"crm_id: OPP-{index:07d}",
               f"confidential: {'true' if rng.random() < 0.03 else 'false'}", "---", "", ""]

        words = {"account": account, "segment": segment, "region": region, "competitor": competitors[0],
                 "product": rng.choice(["the core ledger", "claims processing", "the analytics suite", "field service"]),
                 "months": rng.randrange(2, 9), "pct": rng.randrange(3, 30)}
        headings = ZH_HEADINGS if chinese else EN_HEADINGS
        body = []
        target_words = rng.randrange(800, 1200)

        def prose(pool, n, chinese_pool=None):
            paragraph = []
            for _ in range(n):
                source = chinese_pool if (chinese_pool and (chinese or rng.random() < 0.1)) else pool
                paragraph.append(source[rng.randrange(len(source))])
            # Distinct sentences in a paragraph read like prose, not a stutter.
            return " ".join(dict.fromkeys(paragraph)).format(title=rng.choice(TITLES), **words)

        def section(key, heading_key=None):
            if key == missing:
                return False
            body.append(f"## {headings[heading_key or key]}\n")
            return True

        if section("summary"):
            body += [prose(EN_SUMMARY, 4, ZH_SUMMARY), "", prose(FILLER_EN, 3), ""]
        if section("value"):
            body += [prose(EN_VALUE, 3, ZH_VALUE), "",
                     f"> \"{rng.choice(['Your product was easier for my team.', 'The rollout plan convinced us.', 'We trusted the references.'])}\" — "
                     f"{rng.choice(TITLES)}, {account}", "", prose(FILLER_EN, 3), ""]
        if section("voices"):
            for title, role, in_room, _ in stakeholders:
                room = "in the room" if in_room else "outside the room"
                room_zh = "在会议室内" if in_room else "在会议室外"
                pool = ZH_VOICES if chinese else EN_VOICES
                body.append(rng.choice(pool).format(title=title, role=role, room=room, room_zh=room_zh,
                                                    voice_note=rng.choice(EN_VOICE_NOTES)))
            body += ["", prose(FILLER_EN, 2), ""]
        if section("factors"):
            for rank, factor in enumerate(factors, 1):
                body.append(f"{rank}. **{factor}.** {prose(EN_FACTORS, 1, ZH_FACTORS)}")
            body += ["", "| factor | us | " + competitors[0] + " |", "|---|---|---|"]
            for factor in factors:
                body.append(f"| {factor} | {rng.randrange(1, 6)} | {rng.randrange(1, 6)} |")
            body += ["", prose(FILLER_EN, 3), ""]
        body += [f"## {headings['price']}\n", prose(EN_PRICE, 1), ""]
        if blame:
            body += [rng.choice(BLAME_ZH if chinese else BLAME_EN), ""]
        if section("next", "next-won" if outcome == "won" else "next-lost"):
            body += [prose(EN_NEXT, 3, ZH_NEXT), ""]
            # Pad the prose towards this review's word budget before the actions.
            current = sum(len(line.split()) for line in body) + sum(len(line) for line in body if not line.isascii()) // 6
            while current < target_words:
                sentence = prose(FILLER_EN, 4)
                body += [sentence, ""]
                current += len(sentence.split())
            for _ in range(rng.randrange(2, 6)):
                team = rng.choice(TEAMS)
                mark = "x" if rng.random() < 0.3 else " "
                due = f"{year + (month + 2) // 12:04d}-{(month + 2) % 12 + 1:02d}-{rng.randrange(1, 29):02d}"
                what = rng.choice(["Ship configurable audit-trail export", "CIO deck on compliance value",
                                   "Net-impact model for migrations", "Training on talking to CIOs",
                                   "Reference programme for regional banks", "Map the buying committee early"])
                text = f"{team}: {what} (owner: {rng.choice(OWNERS)}; due: {due})"
                if rng.random() < 0.05:
                    text = f"~~{text}~~"
                body.append(f"- [{mark}] {text}")
            body.append("")
        body += [f"## {headings['sources']}\n",
                 f"- [CRM opportunity](https://crm.example.com/opportunities/OPP-{index:07d})"]
        if self.entries:
            other, _ = self.entries[rng.randrange(len(self.entries))]
            rel = os.path.relpath(other, os.path.dirname(path))
            body.append(f"- [A similar deal]({rel})")
        body.append("")
        self.entries.append((path, date))
        return path, "\n".join(fm) + "\n".join(body), ae, date


REVIEW_YAML = """# review.yaml for a generated benchmark corpus (bench/generate.py)
site:
  title: Benchmark reviews
roster: [{roster}]
"""


def write_file(root, rel, content):
    full = os.path.join(root, rel)
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w", encoding="utf-8", newline="\n") as f:
        f.write(content)


def git_history(root, corpus_files, config_text):
    """Streams every review through `git fast-import`: one commit per review, plus an
    edit commit for one review in ten, then checks out the result."""
    env = dict(os.environ, GIT_CONFIG_NOSYSTEM="1")
    subprocess.run(["git", "init", "-q", "-b", "main", root], check=True, env=env)
    proc = subprocess.Popen(["git", "fast-import", "--quiet", "--done"], cwd=root, stdin=subprocess.PIPE, env=env)
    out = proc.stdin
    mark = 0
    when = 1577836800  # 2020-01-01

    def blob(data):
        nonlocal mark
        mark += 1
        raw = data.encode("utf-8")
        out.write(b"blob\nmark :%d\ndata %d\n" % (mark, len(raw)) + raw + b"\n")
        return mark

    def commit(author, message, files):
        nonlocal when
        when += 3600
        msg = message.encode("utf-8")
        ident = f"{author} <{slugify(author) or 'ae'}@example.com> {when} +0000".encode("utf-8")
        out.write(b"commit refs/heads/main\nauthor " + ident + b"\ncommitter " + ident +
                  b"\ndata %d\n" % len(msg) + msg + b"\n")
        for path, blob_mark in files:
            out.write(b"M 100644 :%d %s\n" % (blob_mark, path.encode("utf-8")))
        out.write(b"\n")

    commit("Bench Generator", "Add review.yaml", [("review.yaml", blob(config_text))])
    rng = random.Random(len(corpus_files))
    pending_edits = []
    for path, content, author, _ in corpus_files:
        if rng.random() < 0.10:
            # First version without its sources section; the edit commit adds it back.
            draft = content.split("\n## Sources", 1)[0] + "\n"
            commit(author, f"Add review {os.path.basename(path)}", [(path, blob(draft))])
            pending_edits.append((path, content, author))
        else:
            commit(author, f"Add review {os.path.basename(path)}", [(path, blob(content))])
        if len(pending_edits) > 20:
            edit_path, edit_content, edit_author = pending_edits.pop(0)
            commit(edit_author, f"Update {os.path.basename(edit_path)}", [(edit_path, blob(edit_content))])
    for edit_path, edit_content, edit_author in pending_edits:
        commit(edit_author, f"Update {os.path.basename(edit_path)}", [(edit_path, blob(edit_content))])
    out.write(b"done\n")
    out.close()
    if proc.wait() != 0:
        sys.exit("bench/generate.py: git fast-import failed")
    subprocess.run(["git", "reset", "-q", "--hard", "main"], cwd=root, check=True, env=env)


def main():
    parser = argparse.ArgumentParser(description="Generate a benchmark corpus of win/loss reviews.")
    parser.add_argument("out", help="folder to create (must not exist or be empty)")
    parser.add_argument("--count", type=int, required=True, help="number of reviews")
    parser.add_argument("--seed", type=int, default=7, help="random seed (default 7)")
    parser.add_argument("--git", action="store_true", help="commit the reviews with a realistic history")
    args = parser.parse_args()
    if os.path.isdir(args.out) and os.listdir(args.out):
        sys.exit(f"bench/generate.py: {args.out} is not empty; remove it first")
    os.makedirs(args.out, exist_ok=True)

    corpus = Corpus(args.count, args.seed)
    files = [corpus.review(i) for i in range(args.count)]
    config_text = REVIEW_YAML.format(roster=", ".join(AES))
    if args.git:
        git_history(args.out, files, config_text)
    else:
        write_file(args.out, "review.yaml", config_text)
        for path, content, _, _ in files:
            write_file(args.out, path, content)
    total = sum(len(content.encode("utf-8")) for _, content, _, _ in files)
    print(f"{args.count} reviews, {total / (1024 * 1024):.1f} MiB in {args.out}")


if __name__ == "__main__":
    main()
