"""A synthetic UN-style State party report, for testing `lexgap read` without a real one.

No full OPSC State report is available to the project (docs/reader.md), so the tests build one: page one
with the symbol and the bracketed submission date, chapter headings naming Protocol articles, numbered
paragraphs, a running header and footer, footnotes, a table and distractor paragraphs. Each embedded answer
is a sentence modelled on real statute wording (the model is named beside it: Philippine RA 7610, RA 9775,
RA 9208, RA 11648, the Revised Penal Code, the Family Code and the Code of Muslim Personal Laws, Sweden's
Penal Code ch. 6 s. 9, India's POCSO Act, England's Sexual Offences Act 2003 s. 15), written from the
statutes, not from lexgap's search terms, so retrieval is tested, not echoed. Some questions are left
out on purpose: no sentence, distractor or heading speaks of them, and the reader must report them silent.

The same report renders as HTML (for WeasyPrint, a PDF) or as plain text with form feeds between pages.
"""
from __future__ import annotations

import html
from dataclasses import dataclass, field

SYMBOL = "CRC/C/OPSC/XFR/1"
SUBMITTED = "28 August 2009"
WORDS = {3: "three", 12: "twelve", 15: "fifteen", 16: "sixteen", 18: "eighteen"}


def n(age: int) -> str:
    """A statute's way of writing a number: 'eighteen (18)'."""
    return f"{WORDS[age]} ({age})"


# (questions the paragraph is evidence for, ages it embeds {question: value}, the sentence, its model)
EMBEDDED = [
    ("prohibition", ["ages.child_definition"], {"ages.child_definition": 18},
     "Under section 3 (a) of the Special Protection of Children against Abuse, Exploitation and Discrimination "
     f"Act, \u201cchildren\u201d refers to persons below {n(18)} years of age or those over but are unable to fully "
     "take care of themselves or protect themselves from abuse, neglect, cruelty, exploitation or discrimination.",
     "RA 7610 s. 3(a)"),
    ("prohibition", ["ages.prostitution_protection_age", "gender.prostitution_protects_boys"],
     {"ages.prostitution_protection_age": 18},
     "Section 5 of that Act provides that children, whether male or female, who for money, profit, or any other "
     "consideration or due to the coercion or influence of any adult, syndicate or group, indulge in sexual "
     "intercourse or lascivious conduct, are deemed to be children exploited in prostitution and other sexual "
     f"abuse; the provision protects every child below {n(18)} years of age.",
     "RA 7610 s. 5"),
    ("prohibition", ["demand.intermediaries"], {},
     "Penalties apply to those who engage in or promote, facilitate or induce child prostitution, including "
     "acting as a procurer of a child prostitute, taking advantage of influence or relationship to procure a "
     "child as a prostitute, and threatening or using violence towards a child to engage him as a prostitute.",
     "RA 7610 s. 5(a)"),
    ("prohibition", ["demand.buying_offence"], {},
     "Since the amendment of the Penal Code in 2005, a person who induces a child to undertake or endure a sexual "
     "act in return for payment or other remuneration is punished for purchase of a sexual act from a child by "
     "imprisonment for at most four years, whatever the child's apparent willingness.",
     "Sweden, Penal Code ch. 6 s. 9"),
    ("prohibition", ["ages.material_protection_age", "material.definition", "material.specific_law"],
     {"ages.material_protection_age": 18},
     "The Anti-Child Pornography Act defines child pornography as any representation, whether visual, audio, or "
     "written combination thereof, by electronic, mechanical, digital, optical, magnetic or any other means, of "
     "a child engaged or involved in real or simulated explicit sexual activities; for its purposes a child is a "
     f"person below {n(18)} years of age.",
     "RA 9775 s. 3(b), (c)"),
    ("prohibition", ["material.production"], {},
     "It is unlawful for any person to hire, employ, use, persuade, induce or coerce a child to perform in the "
     "creation or production of any form of child pornography.",
     "RA 9775 s. 4(a)"),
    ("prohibition", ["material.distribution"], {},
     "It is likewise unlawful to publish, offer, transmit, sell, distribute, broadcast, advertise, promote, "
     "export or import any form of child pornography.",
     "RA 9775 s. 4(c)-(e)"),
    ("prohibition", ["material.possession", "material.access_viewing"], {},
     "The Act further penalizes any person who shall willfully access any form of child pornography, and any "
     "person who shall possess any form of child pornography, even without intent to sell or distribute it.",
     "RA 9775 s. 4(k), (l)"),
    ("prohibition", ["ages.consent_age", "ages.has_consent_age"], {"ages.consent_age": 12},
     "Article 266-A of the Revised Penal Code provides that rape is committed by a person who shall have carnal "
     f"knowledge of another when the offended party is under {n(12)} years of age, even though none of the "
     "circumstances of force or intimidation is present.",
     "Revised Penal Code art. 266-A(1)(d)"),
    ("prohibition", ["ages.close_in_age_gap", "ages.close_in_age_exemption"], {"ages.close_in_age_gap": 3},
     "A proviso adopted by the Congress states that there shall be no criminal liability on the part of a person "
     "having carnal knowledge of another when the age difference between the parties is not more than "
     f"{n(3)} years, and the sexual act in question is proven to be consensual, non-abusive, and non-exploitative.",
     "RA 11648 s. 1 (proviso)"),
    ("general", ["ages.marriage_age"], {"ages.marriage_age": 18},
     "Article 5 of the Family Code provides that any male or female of the age of eighteen years or upwards not "
     "under any of the impediments mentioned in articles 37 and 38 may contract marriage.",
     "Family Code art. 5"),
    ("general", ["ages.marriage_exceptions", "ages.marriage_exception_age"], {"ages.marriage_exception_age": 15},
     "Under the Code of Muslim Personal Laws, a female below fifteen years of age may nonetheless be married "
     "upon petition of a proper guardian to the Shari'a District Court, which may order the solemnization of "
     "the marriage.",
     "Code of Muslim Personal Laws (PD 1083) art. 16(2)"),
    ("prohibition", ["online.grooming_offence", "online.grooming_protection_age"],
     {"online.grooming_protection_age": 16},
     "The offence of meeting a child following sexual grooming is committed by an adult who, having met or "
     "communicated with a child on at least two earlier occasions, intentionally meets the child with intent "
     f"to commit a sexual offence, where the child is under {n(16)} years of age.",
     "Sexual Offences Act 2003 (England and Wales) s. 15"),
    ("prohibition", ["demand.legal_persons"], {},
     "If the offender is a juridical person, the penalty is imposed upon the owner, manager, partner or any "
     "responsible officer who participated in the commission of the crime, and the establishment is closed and "
     "its license to operate revoked.",
     "RA 9775 s. 15(i)"),
    ("prohibition", ["protection.trafficking_no_means"], {},
     "The recruitment, transportation, transfer, harbouring or receipt of a child for the purpose of "
     "exploitation is considered as trafficking in persons even if it does not involve any of the means set "
     "forth in the preceding paragraph.",
     "RA 9208 s. 3(a)"),
    ("prohibition", ["demand.child_non_punishment", "demand.victim_status"], {},
     "Trafficked persons are recognized as victims of the act or acts of trafficking and as such shall not be "
     "penalized for crimes directly related to the acts of trafficking or committed in obedience to the order "
     "made by the trafficker.",
     "RA 9208 s. 17"),
    ("jurisdiction", ["jurisdiction.nationals_abroad", "jurisdiction.residents_abroad"], {},
     "The Act applies to any citizen of the State, or any permanent resident of the State, who commits any of "
     "the offences under it outside the territory of the State.",
     "RA 9208 s. 26-A"),
    ("jurisdiction", ["jurisdiction.extradition"], {},
     "The offences under the Act are deemed to be included as extraditable offences in any extradition treaty, "
     "and in the absence of a treaty the Act itself may be considered the legal basis for extradition.",
     "OPSC art. 5, as enacted"),
    ("protection", ["protection.mandatory_reporting"], {},
     "Any person who has knowledge that such an offence has been committed shall provide such information to "
     "the local police, and any person who fails to report the commission of such an offence shall be punished "
     "with imprisonment which may extend to six months.",
     "POCSO Act 2012 ss. 19(1), 21(1)"),
    ("protection", ["protection.child_friendly_justice"], {},
     "The Special Court shall ensure that the child is not exposed in any way to the accused at the time of "
     "recording of the evidence, and may record the statement of a child through video conferencing or by "
     "utilising single visibility mirrors or curtains; trials are held in camera.",
     "POCSO Act 2012 ss. 36, 37"),
    ("protection", ["protection.compensation"], {},
     "In appropriate cases the Special Court may, in addition to the punishment, direct payment of such "
     "compensation as may be prescribed to the child for any physical or mental trauma caused to him or for "
     "immediate rehabilitation of such child.",
     "POCSO Act 2012 s. 33(8)"),
    ("prevention", ["offenders.registration"], {},
     "A National Register of Sexual Offenders, maintained by the national police, holds the name, address, "
     "photograph and fingerprints of every person convicted of a sexual offence against a child and is open to "
     "law enforcement agencies.",
     "modelled on national sex offender register laws"),
    ("prevention", ["offenders.work_disqualification"], {},
     "Persons convicted of such offences are disqualified from employment in schools, child care institutions "
     "and any other work that involves regular contact with children.",
     "modelled on disqualification provisions"),
    ("protection", ["online.isp_reporting"], {},
     "All internet service providers shall notify the police within seven days from obtaining facts and "
     "circumstances that any form of child pornography is being committed using its server or facility.",
     "RA 9775 s. 9"),
    ("protection", ["online.data_preservation"], {},
     "An internet service provider shall preserve such evidence for purposes of investigation and prosecution by "
     "relevant authorities and shall, upon request, furnish the particulars of users who gained access to an "
     "internet address containing any form of child pornography.",
     "RA 9775 s. 9"),
    ("general", ["ratification.opsc"], {},
     "The State ratified the Optional Protocol to the Convention on the Rights of the Child on the sale of "
     "children, child prostitution and child pornography on 28 May 2002.",
     "UN report wording"),
    ("general", ["ratification.palermo_protocol"], {},
     "The State is also a party to the Protocol to Prevent, Suppress and Punish Trafficking in Persons, "
     "Especially Women and Children, supplementing the United Nations Convention against Transnational "
     "Organized Crime.",
     "UN report wording"),
]

LEFT_OUT = ["offenders.surgical_castration", "online.isp_newsgroup_refusal", "offenders.international_certificate",
            "ratification.au_cyber_convention", "ratification.saarc_child_welfare", "ratification.lanzarote",
            "ratification.budapest", "ratification.coe_trafficking", "online.sexual_extortion",
            "jurisdiction.no_double_criminality", "material.virtual", "offenders.travel_notification",
            "offenders.prevention_services", "online.isp_client_verification"]
"""Questions no sentence of the report speaks of: each must come out silent."""

DISTRACTORS = [
    "The present report was prepared by an inter-agency committee chaired by the Department of Social Welfare, "
    "with contributions from line ministries, local government units and civil society organizations.",
    "Consultations were held in the three main island groups, and children took part in focus group "
    "discussions organized with the support of non-governmental organizations.",
    "The Government allotted a larger share of the national budget to social services during the reporting "
    "period, although the global financial crisis constrained spending in 2008.",
    "School enrolment in elementary education rose steadily, and the Department of Education expanded its "
    "alternative learning system for out-of-school youth.",
    "Birth registration campaigns in remote municipalities reduced the number of unregistered children, in "
    "partnership with the civil registry and local health offices.",
    "The Council for the Welfare of Children coordinates the implementation of the national framework for "
    "children's development and monitors the indicators set for each sector.",
    "Data collection remains fragmented across agencies; a unified information system is being designed with "
    "technical assistance from international partners.",
    "Training modules for social workers, teachers and health workers were revised and delivered in all regions.",
]

CHAPTERS = [  # (cluster, heading); the numbered paragraphs of a chapter follow its heading
    ("general", "I. General measures of implementation"),
    ("prohibition", "II. Prohibition of the sale of children, child pornography and child prostitution "
                    "(articles 1, 2, 3 and 7)"),
    ("jurisdiction", "III. Jurisdiction and extradition (articles 4, 5 and 6)"),
    ("protection", "IV. Protection of the rights of child victims (article 8)"),
    ("prevention", "V. Prevention (article 9)"),
]
FOOTNOTES = {  # question whose paragraph carries a footnote -> its text
    "ages.child_definition": "Republic Act No. 7610, approved on 17 June 1992.",
    "material.production": "Republic Act No. 9775, approved on 17 November 2009.",
    "protection.compensation": "See also the Rules on Examination of a Child Witness, adopted in 2000.",
}
TABLE = [("Year", "Cases reported", "Cases filed in court"), ("2005", "1 245", "312"), ("2006", "1 380", "355"),
         ("2007", "1 512", "398"), ("2008", "1 607", "421")]


@dataclass
class Para:
    number: int
    text: str
    questions: list[str] = field(default_factory=list)
    footnote: str | None = None


@dataclass
class Report:
    chapters: list[tuple[str, list[Para]]]
    embedded: dict[str, int]            # question -> paragraph number
    ages: dict[str, int]                # question -> the age embedded
    left_out: list[str]

    def paragraphs(self):
        for _, paras in self.chapters:
            yield from paras


def build_report(distractors_per_chapter: int = 3, repeat: int = 1) -> Report:
    """The report; `repeat` > 1 adds more distractor paragraphs per chapter (a longer document for timing)."""
    by_cluster: dict[str, list] = {c: [] for c, _ in CHAPTERS}
    for cluster, qids, ages, sentence, _model in EMBEDDED:
        by_cluster[cluster].append((qids, sentence))
    number = 0
    chapters = []
    embedded: dict[str, int] = {}
    ages = {q: v for _, _, a, _, _ in EMBEDDED for q, v in a.items()}
    d = 0
    for cluster, heading in CHAPTERS:
        paras = []
        items = by_cluster[cluster]
        fill = distractors_per_chapter * repeat
        for k in range(max(len(items), 1) + fill):
            number += 1
            if k % 2 == 1 and fill:
                fill -= 1
                paras.append(Para(number, DISTRACTORS[d % len(DISTRACTORS)]))
                d += 1
                continue
            if items:
                qids, sentence = items.pop(0)
                paras.append(Para(number, sentence, list(qids),
                                  next((FOOTNOTES[q] for q in qids if q in FOOTNOTES), None)))
                for q in qids:
                    embedded[q] = number
            elif fill:
                fill -= 1
                paras.append(Para(number, DISTRACTORS[d % len(DISTRACTORS)]))
                d += 1
        chapters.append((heading, paras))
    return Report(chapters, embedded, ages, list(LEFT_OUT))


CSS = f"""
@page {{ size: A4; margin: 25mm 20mm;
  @top-left {{ content: "{SYMBOL}"; font: 9pt serif; }}
  @bottom-left {{ content: "GE.09-45123"; font: 9pt serif; }}
  @bottom-right {{ content: counter(page); font: 9pt serif; }} }}
body {{ font: 11pt/1.35 "DejaVu Serif", serif; }}
h2 {{ font-size: 12pt; margin: 1.2em 0 .6em; }}
p {{ margin: 0 0 .6em; text-align: left; }}
.fn {{ float: footnote; font-size: 8pt; }}
table {{ border-collapse: collapse; margin: .6em 0; }} td {{ border: 1px solid #999; padding: 2pt 6pt; }}
.first {{ page-break-after: always; }}
"""


def render_html(report: Report) -> str:
    e = html.escape
    out = [f"<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><style>{CSS}</style></head><body>",
           "<div class='first'><p>United Nations</p>", f"<p>{SYMBOL}</p>",
           "<p>Convention on the Rights of the Child</p><p>Distr.: General</p>",
           "<p>Committee on the Rights of the Child</p>",
           "<p>Consideration of reports submitted by States parties under article 12, paragraph 1, of the "
           "Optional Protocol to the Convention on the Rights of the Child</p>",
           "<p>Initial reports of States parties due in 2004</p><p>Freedonia</p>",
           f"<p>[{SUBMITTED}]</p></div>"]
    for heading, paras in report.chapters:
        out.append(f"<h2>{e(heading)}</h2>")
        for p in paras:
            note = f"<span class='fn'>{e(p.footnote)}</span>" if p.footnote else ""
            out.append(f"<p>{p.number}.&#160;&#160;{e(p.text)}{note}</p>")
        if heading.startswith("IV."):
            out.append("<table>" + "".join("<tr>" + "".join(f"<td>{e(c)}</td>" for c in row) + "</tr>"
                                           for row in TABLE) + "</table>")
    out.append("</body></html>")
    return "".join(out)


def render_text(report: Report, per_page: int = 6, width: int = 90) -> str:
    """Pages as a PDF's text layer gives them: header, wrapped lines, footnotes at the bottom, footer."""
    import textwrap
    pages: list[list[str]] = []
    body: list[str] = []
    notes: list[str] = []
    fn = 0
    count = 0

    def flush():
        nonlocal body, notes, count
        pages.append([SYMBOL, ""] + body + ([""] + notes if notes else []) + ["", "GE.09-45123",
                                                                              str(len(pages) + 2)])
        body, notes, count = [], [], 0

    first = ["United Nations", SYMBOL, "Convention on the Rights of the Child", "Distr.: General",
             "Initial reports of States parties due in 2004", "Freedonia", f"[{SUBMITTED}]"]
    for heading, paras in report.chapters:
        body += ["", heading, ""]
        for p in paras:
            text = f"{p.number}. {p.text}"
            if p.footnote:
                fn += 1
                text += str(fn)
                notes.append(f"{fn} {p.footnote}")
            body += textwrap.wrap(text, width)
            count += 1
            if count >= per_page:
                flush()
    if body:
        flush()
    return "\f".join(["\n".join(first)] + ["\n".join(p) for p in pages])
