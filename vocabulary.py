"""The legal vocabulary citegraph reads, said once: signals, pins, dockets, Bluebook
abbreviations (T6), party and court words, history and treatment phrases, and the
accent fold every comparison uses.

Like eyecite's regexes.py, this module holds words and patterns, not procedures: the
readers (header and caption parsing), the extraction (citations, propositions) and the
graph (identity, search) import what they need from here, so that a word added to the
vocabulary is added everywhere it is read.
"""

from __future__ import annotations

import re
import unicodedata

# --- Where things stand in an opinion --------------------------------------------------------

# The head of an opinion: where its caption, its own citations and its docket stand.
# A citation found here that names the opinion itself is not a citation of another.
HEAD_CHARS = 3000

# --- Accent folding: every comparison of names and words folds the same way ------------------


def fold(text: str) -> str:
    """Lower-case ASCII twin of `text`, one character for one ("Pérez" -> "perez")."""
    out = []
    for ch in text:
        base = unicodedata.normalize("NFKD", ch)[:1] if ord(ch) > 127 else ch
        out.append(base.lower() if len(base.lower()) == 1 else ch)
    return "".join(out)


# --- Signals (Bluebook rule 1.2) and the words that may lead a citation ----------------------

# Every introductory signal of the Bluebook (rule 1.2), longest first for matching.
SIGNALS = (
    "See generally",
    "See also",
    "See, e.g.,",
    "See",
    "But see",
    "But cf.",
    "Cf.",
    "Compare",
    "Contra",
    "Accord",
    "E.g.,",
)

MARKUP = r"[*_]{0,2}"

# the court and year in square brackets of New York's official style ("96 AD3d 1050 [1st
# Dept 2012]"): part of the citation, like "(1st Cir. 2012)"
BRACKETED_DATE = re.compile(r"[ \t]*\[[^\[\]\n]{0,40}?\b(?:1[6-9]|20)\d{2}\]")

# "e.g." as older reporters print it, "e. g."
_EG = r"e\.\s?g\."
SIGNAL = re.compile(
    rf"(?<![\w.])({MARKUP}(?:but\s+)?(?:see(?:{MARKUP}\s+(?:also|generally))?|cf\.|compare|contra|accord"
    rf"|{_EG})(?:{MARKUP},?\s*{MARKUP}{_EG})?{MARKUP}),?{MARKUP}(?=\s)",
    re.I,
)

SIGNAL_WITH = re.compile(rf"(?<![\w.]){MARKUP}with{MARKUP}(?=\s)")


def canonical_signal(raw: str) -> str:
    """The Bluebook spelling of a signal as written ("*see, e.g.*," -> "See, e.g.,").

    Args:
        raw: the signal as it stands in the text, markup and case as written.
    """
    s = re.sub(r"[*_]", "", raw).lower().strip(" ,")
    s = re.sub(r"\s+", " ", s)
    eg = bool(re.search(_EG, s))
    base = re.sub(rf",?\s*{_EG},?", "", s).strip(" ,")
    words = {
        "see": "See",
        "see also": "See also",
        "see generally": "See generally",
        "cf.": "Cf.",
        "but see": "But see",
        "but cf.": "But cf.",
        "compare": "Compare",
        "contra": "Contra",
        "accord": "Accord",
        "with": "with",
        "": "E.g.,",
    }
    out = words.get(base, base[:1].upper() + base[1:])
    if eg and base:
        out = f"{out}, e.g.,"
    return out


LEAD_WORDS = re.compile(
    r"^(?:(?:e\.g\.|cf\.|(?:see|also|but|accord|compare|with|contra|generally|and|quoting|"
    r"citing|in|under|of|the|to|by|affirming|aff'd|rev'd|reversing|overruled|"
    r"overruling|abrogated|on\s+other\s+grounds|following|discussing|explaining|"
    r"applying|relying\s+on|as)\b)[,.]?\s*)+",
    re.I,
)

# --- Pin cites -------------------------------------------------------------------------------

# Between two parallel citations only a pin cite and a comma may stand:
# "436 U.S. 658, 691, 56 L. Ed. 2d 611", "258 F.3d 107, 2001 U.S. App. LEXIS 16202, *8, ".
PIN = r"(?:at\s+)?\*{0,2}\d+(?:\s*[-–—]\s*\*{0,2}\d+)?(?:\s*nn?\.\s*\d+)?(?![ \t]*[A-Z\d])"

PIN_CLAUSE = re.compile(
    r",?\s*(?:at\s+)?\*{0,2}\d+(?:\s*(?:[-–—]|&|,|and|to)\s*\*{0,2}\d+)*(?:\s*nn?\.\s*\d+)?"
    r"|,?\s*(?:at\s+)?(?:n|nn|¶|¶¶|§|§§)\.?\s*\d+"
)

# a pin or a parenthetical after a citation: "436 U.S. 658, 691 (1978)", "135 S. Ct. at 2473"
PIN_TAIL = re.compile(r"(?:,\s*\d[\d\-–, ]*|\s+at\s+\d[\d\-–]*)?\s*(?:\([^()]*\))?\s*$")

# --- Docket numbers --------------------------------------------------------------------------

DOCKET = re.compile(
    r"\b(?:No\.|NO\.|Nos\.|Docket No\.|CIVIL ACTION NO\.|Civil Action No\.|Case No\.)?\s*"
    r"(\d{1,2}[:\-]\d{2}-?(?:cv|CV|cr|CR|civ|Civ)-?\d{2,6})"
)

APPEAL_DOCKET = re.compile(r"^\s*(?:\d{1,2}\s+)?(?:Docket\s+)?Nos?\.:?\s+(\d{2}-\d{3,5})", re.M)

DOCKET_CLAUSE = re.compile(
    r",?\s*(?:Civ(?:il)?\.?\s+(?:Action\s+)?|Crim(?:inal)?\.?\s+(?:Action\s+)?)?Nos?\.\s*[^,;()]{1,60},?\s*$"
)

DOCKET_AFTER_NAME = re.compile(
    r"(?:,\s*(?:Nos?\.|Civ\.\s+(?:A\.\s+)?No\.|Civil\s+Action\s+No\.|Case\s+No\.|Index\s+No\.)"
    r"\s*[\w:\-–.() ]+?)+$"
)

# --- Dates and judges ------------------------------------------------------------------------

MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"

MONTH_ABBREVIATIONS = r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec"

JUDGE_TITLES = (
    r"(?:(?:Senior|Chief|Presiding|Associate|Acting)\s+)*(?:(?:United\s+States|U\.\s?S\.)\s+)?"
    r"(?:(?:Circuit|District|Magistrate|Bankruptcy|Appellate|Superior\s+Court|Trial)\s+)?"
    r"(?:Judge|Justice)"
)

# --- Parties and case names: roles, T6 abbreviations, words that join a name -----------------

ROLE_WORDS = (
    r"Plaintiffs?|Defendants?|Appellants?|Appellees?|Petitioners?|Respondents?|"
    r"Intervenors?|Movants?|Claimants?|Relators?|Garnishees?|Third[- ]Party|"
    r"Counterclaim(?:[- ](?:Plaintiffs?|Defendants?))?|Counter[- ](?:Plaintiffs?|Defendants?)|"
    r"Cross[- ](?:Appellants?|Appellees?|Plaintiffs?|Defendants?)"
)

# A role line: "Plaintiff, Appellant," "Defendants/Counterclaim Plaintiffs, Appellees."
ROLE = re.compile(rf"^(?:(?:{ROLE_WORDS})(?:[-/,\s]+|$)|and\s+)+[.,:;]*$", re.I)

NAME_SUFFIXES = {"jr", "sr", "ii", "iii", "iv", "esq"}

SMALL_WORDS = {
    "of",
    "the",
    "and",
    "for",
    "in",
    "on",
    "a",
    "an",
    "de",
    "la",
    "del",
    "v.",
    "to",
    "at",
}


def _pairs(table: str) -> dict[str, str]:
    """A word table written as `word=abbreviation` pairs parted by white space, in order."""
    return dict(pair.split("=", 1) for pair in table.split())


# Bluebook table T6 (the words courts meet most), applied to whole words.
T6 = _pairs(
    """
    Administration=Admin.  Administrative=Admin.  Administrator=Adm'r
    Agricultural=Agric.  America=Am.  American=Am.  Associate=Assoc.  Associates=Assocs.
    Association=Ass'n  Atlantic=Atl.  Authority=Auth.  Automobile=Auto.  Avenue=Ave.
    Board=Bd.  Broadcasting=Broad.  Brotherhood=Bhd.  Brothers=Bros.  Building=Bldg.
    Business=Bus.  Casualty=Cas.  Center=Ctr.  Centre=Ctr.  Central=Cent.
    Chemical=Chem.  Coalition=Coal.  College=Coll.  Commission=Comm'n
    Commissioner=Comm'r  Committee=Comm.  Communication=Commc'n  Communications=Commc'ns
    Community=Cmty.  Company=Co.  Construction=Constr.  Consolidated=Consol.
    Cooperative=Coop.  Corporation=Corp.  Correction=Corr.  Correctional=Corr.
    Corrections=Corr.  County=Cnty.  Defense=Def.  Department=Dep't  Development=Dev.
    Director=Dir.  Distributing=Distrib.  Distribution=Distrib.  District=Dist.
    Division=Div.  Economic=Econ.  Education=Educ.  Educational=Educ.  Electric=Elec.
    Electronic=Elec.  Employee=Emp.  Employees=Emps.  Employer=Emp.  Employment=Emp.
    Engineering=Eng'g  Enterprise=Enter.  Enterprises=Enters.  Entertainment=Ent.
    Environment=Env't  Environmental=Env't  Equipment=Equip.  Exchange=Exch.
    Federal=Fed.  Federation=Fed'n  Financial=Fin.  Foundation=Found.  General=Gen.
    Government=Gov't  Guaranty=Guar.  Hospital=Hosp.  Housing=Hous.  Human=Hum.
    Independent=Indep.  Industrial=Indus.  Industries=Indus.  Industry=Indus.
    Information=Info.  Institute=Inst.  Institution=Inst.  Insurance=Ins.
    International=Int'l  Investment=Inv.  Investments=Invs.  Laboratories=Lab'ys
    Laboratory=Lab'y  Liability=Liab.  Limited=Ltd.  Litigation=Litig.  Machine=Mach.
    Machinery=Mach.  Maintenance=Maint.  Management=Mgmt.  Manufacturer=Mfr.
    Manufacturers=Mfrs.  Manufacturing=Mfg.  Maritime=Mar.  Market=Mkt.  Marketing=Mktg.
    Mechanical=Mech.  Medical=Med.  Medicine=Med.  Metropolitan=Metro.  Mortgage=Mortg.
    Municipal=Mun.  Mutual=Mut.  National=Nat'l  Northeast=Ne.  Northern=N.
    Northwest=Nw.  Organization=Org.  Pacific=Pac.  Partnership=P'ship
    Pharmaceutical=Pharm.  Pharmaceuticals=Pharms.  Preservation=Pres.  Product=Prod.
    Production=Prod.  Products=Prods.  Professional=Pro.  Property=Prop.
    Protection=Prot.  Public=Pub.  Publication=Publ'n  Publishing=Publ'g  Railroad=R.R.
    Railway=Ry.  Refining=Ref.  Regional=Reg'l  Rehabilitation=Rehab.  Resource=Res.
    Resources=Res.  Retirement=Ret.  Savings=Sav.  School=Sch.  Schools=Schs.
    Science=Sci.  Secretary=Sec'y  Securities=Sec.  Security=Sec.  Service=Serv.
    Services=Servs.  Society=Soc'y  Southeast=Se.  Southern=S.  Southwest=Sw.
    Steamship=S.S.  Surety=Sur.  System=Sys.  Systems=Sys.  Technology=Tech.
    Telecommunication=Telecomm.  Telephone=Tel.  Telegraph=Tel.  Transportation=Transp.
    Transport=Transp.  University=Univ.  Utility=Util.  Utilities=Utils.  Village=Vill.
    """
)

# Bluebook T6 abbreviations seen in case names, so "Dep't of Army" names the
# "Department of the Army".
T6_EXPANSIONS = _pairs(
    """
    dep't=department  dept=department  ass'n=association  assoc=association
    assn=association  comm'n=commission  commn=commission  corp=corporation  co=company
    bd=board  educ=education  sec'y=secretary  gov't=government  govt=government
    int'l=international  nat'l=national  univ=university  hosp=hospital  servs=services
    serv=service  auth=authority  cty=county  cnty=county  mun=municipal  ins=insurance
    mfg=manufacturing  fed=federal  am=american  transp=transportation  sys=systems
    indus=industries  elec=electric  mut=mutual  dist=district  envtl=environmental
    metro=metropolitan  med=medical  ctr=center  cmty=community  sch=school
    prods=products  comm'r=commissioner  commr=commissioner  dev=development
    fin=financial  grp=group  inv=investment  mgmt=management  mktg=marketing
    emps=employees  hous=housing  prot=protection  sav=savings  tel=telephone
    twp=township  util=utility  admin=administration  pub=public  res=resources
    bros=brothers  assocs=associates  org=organization  pers=personnel
    prof'l=professional  reg'l=regional  s'holders=shareholders  soc'y=society
    dir=director  tr=trust  info=information  intern=international
    """
)

BUSINESS_WORD = re.compile(r"\b(?:Co|Corp|Ass'n|Bros|R\.R|Ry|Ltd|Ins|Bank)\.?(?:\s|,|$)")

# Initialisms a case-name slug writes in lower case ("nlrb-v-acme").
INITIALISMS = _pairs(
    """
    us=U.S.  usa=USA  nlrb=NLRB  fdic=FDIC  cia=CIA  fha=FHA  epa=EPA  sec=SEC  irs=IRS
    fbi=FBI  dea=DEA  hhs=HHS  shhs=SHHS  fcc=FCC  ftc=FTC  eeoc=EEOC  ins=INS  ibt=IBT
    ibm=IBM  mbna=MBNA  fmc=FMC  rtc=RTC  ups=UPS  at=AT
    """
)

GOVERNMENT = {"united states", "state", "people", "commonwealth", "usa", "u.s."}

GENERIC_PARTY_WORDS = frozenset({"united", "states", "america", "people", "state", "commonwealth"})

NAME_STOP_WORDS = {
    "of", "the", "and", "inc", "corp", "co", "ltd", "llc", "et", "al", "a", "an", "in",
    "re", "for", "corporation", "company", "incorporated",
}  # fmt: skip

# Words that may stand, lower case, inside a party name.
NAME_CONNECTORS = {
    "of", "the", "and", "for", "de", "la", "du", "del", "van", "von", "der", "den", "en",
    "ex", "rel.", "rel", "y", "e", "on", "to", "in", "at", "&", "d/b/a", "a/k/a", "by",
    "et", "al.", "al", "its", "as",
}  # fmt: skip

NAME_JOINERS = {
    "v.",
    "vs.",
    "v",
    "of",
    "the",
    "and",
    "&",
    "for",
    "ex",
    "rel.",
    "re",
    "de",
    "del",
    "la",
    "le",
    "van",
    "von",
    "on",
    "to",
    "in",
    "et",
    "al.",
    "a",
    "an",
    "by",
    "through",
    "behalf",
    "d/b/a",
    "n/k/a",
    "as",
    "at",
    "from",
    "&amp;",
    "en",
    "du",
    "des",
    "di",
    "da",
    "y",
    "e",
}

# Abbreviations that end with a period inside a case name, not a sentence.
ABBREVIATION_IN_NAME = re.compile(
    r"(?:^|\s)(?:[A-Z]|[A-Z][a-z]{0,3}|[A-Za-z]+\.[A-Za-z.]*|[A-Za-z]*'[A-Za-z]*|rel|ex|al|v|vs|"
    r"Prods|Hosp|Servs|Educ|Univ|Corp|Indus|Mgmt|Comm|Commn|Assocs|Bros|Sys|Auth|Dist|Dept|"
    r"Gov|Govt|Intern|Transp|Cas|Mut|Fin|Fed|Nat|Natl|Admin|Adm|Pub|Elec|Util|Ry|Cnty|Cty|"
    r"Twp|Envtl|Prot|Emps|Hous|Dev|Sec|Med|Ctr|Inst|Ass|Soc|Cmty|Sch|Mfg|Equip|Tel|Co|Inc|"
    r"Ltd|Org|Sav|Ins|Bd|Dep|Div|Inv|Invs|Mkt|Mktg|Props|Res|Sci|Tech|Techs|Tr|Trs|Ent|"
    r"Grp|Holdings|Chem|Com|Dir|Comm'r|Sup|Super|Cal|Conn|Mass|Penn|Wash|Mich|Minn|Tex|Fla|"
    r"Ill|Ind|Ariz|Colo|Ga|Ky|La|Md|Mo|Neb|Nev|Okla|Or|Pa|Tenn|Va|Vt|Wis|Wyo|Ala|Ark|Del|"
    r"Haw|Kan|Me|Miss|Mont|Ore|Ste|St|Mt|Ft|Jr|Sr|Hon|Gen|No|Nos|Op|Ops|Ex)\.$"
)

IN_RE = re.compile(r"(?:In re|In the Matter of|Ex parte|Matter of|Estate of)\s+.+", re.I)

VERSUS = re.compile(r"\s+v\.?\s+|\s+vs\.?\s+")

# --- Abbreviations that do not end a sentence ------------------------------------------------

# Words that end with a period without ending a sentence: case names, reporters,
# courts, record citations, signals. Stored lowercase without the final period.
ABBREVIATION_WORDS = """
    v vs rel u.s id ibid cir ct no nos e.g i.e inc co corp dep't dept supp f s l ed app dist
    n nn p pp para paras sec secs art amend cl ch cf al mr mrs ms dr jr sr st ave u.s.c
    c.f.r r fed civ crim evid proc stat gen ann rev super div ass'n assn univ int'l
    nat'l gov't comm'n comm bd educ hosp mun twp cnty prods servs sys tr ex dkt ecf op
    opp mem decl aff pl pls pl.'s def defs br rep j jj c.j hon viz cert reh'g aff'd
    rev'd ltd llc bros mfg ins sec'y admin wm geo chas thos jas jos attys atty dep depo
    resp defs.' pls.' cal conn mass fla mich minn tex va wis ariz colo kan ky md mont
    neb nev okla ore tenn vt wyo n.y n.j n.h n.c n.d n.m s.c s.d r.i w.va d.c d.n.y
    d.conn d.mass d.me d.n.h d.p.r d.r.i e.d w.d s.d.n.y e.d.n.y n.d.n.y w.d.n.y bankr
    b.r a.2d a.3d p.2d p.3d n.e n.w s.e s.w l.ed dept's jan feb mar apr jun jul aug sep
    sept oct nov dec ft mt cong sess reg regs rul supp.2d cmt illus hr h.r s.rep h.rep
    acad adver advert agric am amusement eng'g eng'rs fed'n ass'n auth auto ave bankr bhd bldg broad
    bros bus cas cent chem coal coll comm'r commc'n commc'ns cmty comp condo cons consol
    constr cont'l coop corr cty ctr def dep't dev dir disc distrib div econ educ elec
    emp eng'g enter ent envtl equal equip exch exec exp fed fid fin found gen grp guar
    hosp hous imp indem indep indus info inst ins int'l inv lab liab litig mach maint mgmt
    mfr mfg mkt mktg med mem'l merch metro mgmt mortg mun mut nat'l ne nw org pac par'ship
    p'ship pers pharm pres prob prod prof prop prot pub reg'l rehab rep res ret ry r.r sav
    sch sci sec serv servs soc sols sq sta sur sys tech tel temp transcon transp tpk twp
    univ util vill tit commun nav
"""

ABBREVIATIONS = frozenset(ABBREVIATION_WORDS.split())

# --- Reporters -------------------------------------------------------------------------------

SCOTUS_REPORTERS = {"U.S.", "S. Ct.", "L. Ed.", "L. Ed. 2d", "U. S.", "S.Ct.", "L.Ed.", "L.Ed.2d"}

# --- Parentheticals, history and treatment ---------------------------------------------------

SOURCING = re.compile(
    r"^(?:quoting|quoted\s+in|citing|cited\s+in|cited\s+with\s+approval\s+in|"
    r"(?:internal\s+|some\s+|other\s+)?(?:quotations?|quotation\s+marks?|citations?|alterations?|"
    r"brackets?|footnotes?|emphasis|ellipses|ellipsis|punctuation|modifications?|"
    r"internal\s+citations?)(?:\s*(?:,|and|&)\s*(?:internal\s+)?(?:quotations?|quotation\s+marks?|"
    r"citations?|alterations?|brackets?|footnotes?|emphasis|punctuation))*\s+"
    r"(?:omitted|added|supplied|in\s+original|original)|cleaned\s+up|per\s+curi[au]m|en\s+banc|"
    r"plurality(?:\s+opinion)?|table|unpublished(?:\s+table)?(?:\s+(?:decision|opinion))?|"
    r"mem(?:orandum)?\.?(?:\s+op(?:inion)?\.?)?|"
    r"[A-Z][\w'’-]+,\s+(?:C\.\s*)?J\.,?\s+(?:concurring|dissenting)|"
    r"(?:opinion|statement)\s+of\s+[A-Z][\w'’-]+,\s+(?:C\.\s*)?J\.)",
    re.I,
)

SECOND_HAND = re.compile(
    r"\b(quoting|quoted\s+in|citing|cited\s+in|cited\s+with\s+approval\s+in|"
    r"adopting|relying\s+on|following|discussing|applying)\b[^()]*$",
    re.I,
)

HISTORY = re.compile(
    r",?\s*((?:aff'd|affirmed|rev'd|reversed|vacated|modified|remanded|cert\.\s+denied|"
    r"cert\.\s+granted|cert\.\s+dismissed|reh'g\s+denied|reh'g\s+granted|appeal\s+dismissed|"
    # New York: leave to appeal ("lv granted 19 NY3d 958 [2012]")
    r"lv\.?\s+(?:granted|denied|dismissed)|leave\s+to\s+appeal\s+(?:granted|denied|dismissed)|"
    r"overruled|abrogated|superseded|withdrawn|amended)"
    r"(?:\s+(?:in\s+part|and\s+remanded|on\s+other\s+grounds|as\s+moot|per\s+curiam))*"
    r"(?:,?\s+and\s+(?:aff'd|rev'd|vacated|remanded)(?:\s+in\s+part)?)*"
    r"(?:\s+by)?(?:,|\s+sub\s+nom\.)?)\s*"
    # a reporter page not yet printed, before the parallel cites ("--- U.S. ----,")
    r"(?:-{2,}\s*U\.\s?S\.\s*-{2,},?\s*)?",
    re.I,
)
