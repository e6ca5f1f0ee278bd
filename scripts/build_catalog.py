"""Build the bundled catalog editions (src/yusuan/catalog/editions/<year>/*.csv).

Sources, each recorded in the ``provenance`` column of every entry it supports:

- ``observed:catalogs-csv@<years>``: code–name pairs observed in real disclosures
  (../shared/catalogs/observed_*.csv). Only pairs whose name agrees with the entry are
  counted as evidence; truncated or wrong pairs (README causes 2 and 3) are left out and
  listed on stderr.
- ``seed:henan-2024``: pairs printed in the reference document (tables 3, 5, 6, 7, 9).
- ``readme:catalogs``: the crosswalk and 政府 names quoted in ../shared/catalogs/README.md.
- ``observed:corpus@<years>``: code–name pairs printed in the corpus documents
  (tests/fixtures/corpus, read with yusuan) of the years the edition applies to; this is the
  evidence for the pre-2018 names, as printed in 2017 disclosures. Only pairs whose name
  agrees with the entry are counted.
- ``knowledge``: well-established public knowledge of the catalog (names below). Only
  codes we are sure of are listed; a code missing from the catalog is reported as "not in
  catalog" (info), never as an error.

Editions and the document years each applies to (``catalog/editions.toml``):

- 2017 (2015–2017): the 支出经济分类 before the 2018 reform (30307 医疗费, 30311 住房公积金,
  310 其他资本性支出 …), function names before the 2019 renames; no 政府预算经济分类.
- 2018 (2018): the reformed 部门 economic classification and the new 政府 classification,
  function names before the 2019 renames.
- 2019 (2019–2022) and 2024 (2023–2026): as observed in those years' disclosures.

Usage: python scripts/build_catalog.py [CATALOGS_DIR]  (default ../shared/catalogs)
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "yusuan" / "catalog" / "editions"
SEED = ROOT / "src" / "yusuan" / "data" / "henan-jiyuan-govoffice-2024-unit-budget.txt"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"
# edition -> (first, last) document year it applies to
VALID = {2017: (2015, 2017), 2018: (2018, 2018), 2019: (2019, 2022), 2024: (2023, 2026)}
VALID_NOTE = {
    2017: "支出经济分类 before the 2018 reform; function names before the 2019 renames; no 政府预算经济分类",
    2018: "the reformed 部门 economic classification and the new 政府 classification; function names before the 2019 renames",
    2019: "function names after the 2019 renames (卫生健康, 文化旅游体育与传媒 …); evidence 2019",
    2024: "evidence 2023-2025; 2026 assumed unchanged",
}
EDITIONS = tuple(VALID)
GOV_FROM = 2018  # the 政府预算支出经济分类 exists from the 2018 budgets

# ---------------------------------------------------------------- knowledge
# One "code name" per line. A trailing marker limits the line to some editions: "@2024" that
# edition only, "@2019+" that edition and later ones, "@-2017" that edition and earlier ones.
FUNCTION = """
201 一般公共服务支出
20101 人大事务
2010101 行政运行
2010102 一般行政管理事务
2010104 人大会议
2010105 人大立法
2010106 人大监督
2010107 人大代表履职能力提升
2010108 代表工作
2010109 人大信访工作
2010150 事业运行
2010199 其他人大事务支出
20102 政协事务
2010201 行政运行
2010202 一般行政管理事务
2010204 政协会议
2010205 委员视察
2010250 事业运行
2010299 其他政协事务支出
20103 政府办公厅（室）及相关机构事务
2010301 行政运行
2010302 一般行政管理事务
2010303 机关服务
2010350 事业运行
2010399 其他政府办公厅（室）及相关机构事务支出
20104 发展与改革事务
2010401 行政运行
2010402 一般行政管理事务
2010499 其他发展与改革事务支出
20105 统计信息事务
2010501 行政运行
2010502 一般行政管理事务
2010506 统计管理 @2024
2010507 专项普查活动 @2024
2010599 其他统计信息事务支出
20106 财政事务
2010601 行政运行
2010602 一般行政管理事务
2010604 预算改革业务
2010605 财政国库业务
2010607 信息化建设 @2024
2010608 财政委托业务支出 @2024
2010699 其他财政事务支出
20107 税收事务
20108 审计事务
2010801 行政运行
2010802 一般行政管理事务
2010899 其他审计事务支出
20111 纪检监察事务
2011101 行政运行
2011102 一般行政管理事务
2011199 其他纪检监察事务支出
20113 商贸事务
20126 档案事务
2012601 行政运行
2012699 其他档案事务支出
20128 民主党派及工商联事务
20129 群众团体事务
2012901 行政运行
2012902 一般行政管理事务
2012999 其他群众团体事务支出
20131 党委办公厅（室）及相关机构事务
2013101 行政运行
2013102 一般行政管理事务
2013199 其他党委办公厅（室）及相关机构事务支出
20132 组织事务
2013201 行政运行
2013202 一般行政管理事务
2013299 其他组织事务支出
20133 宣传事务
2013301 行政运行
2013302 一般行政管理事务
2013399 其他宣传事务支出
20134 统战事务
2013401 行政运行
2013402 一般行政管理事务
2013499 其他统战事务支出
20138 市场监督管理事务 @2019+
2013801 行政运行 @2019+
2013802 一般行政管理事务 @2019+
20139 社会工作事务 @2024
2013901 行政运行 @2024
2013950 事业运行 @2024
2013999 其他社会工作事务支出 @2024
20140 信访事务 @2024
2014001 行政运行 @2024
2014002 一般行政管理事务 @2024
2014004 信访业务 @2024
2014099 其他信访事务支出 @2024
20199 其他一般公共服务支出
2019999 其他一般公共服务支出
202 外交支出
203 国防支出
204 公共安全支出
20402 公安
2040201 行政运行
2040202 一般行政管理事务
20404 检察
2040401 行政运行
2040402 一般行政管理事务
2040404 查办和预防职务犯罪 @-2017
2040405 公诉和审判监督 @-2017
2040406 侦查监督 @-2017
2040410 检察监督 @2019
2040450 事业运行
2040499 其他检察支出
20405 法院
2040501 行政运行
2040502 一般行政管理事务
2040503 机关服务
2040504 案件审判
2040505 案件执行
2040599 其他法院支出
20406 司法
2040601 行政运行
2040602 一般行政管理事务
2040604 基层司法业务
2040605 普法宣传
2040607 公共法律服务 @2019+
2040699 其他司法支出
20499 其他公共安全支出
2049999 其他公共安全支出
205 教育支出
20501 教育管理事务
2050101 行政运行
2050102 一般行政管理事务
2050199 其他教育管理事务支出
20502 普通教育
2050201 学前教育
2050202 小学教育
2050203 初中教育
2050204 高中教育
2050205 高等教育
2050299 其他普通教育支出
20503 职业教育
2050302 中等职业教育
2050305 高等职业教育
20507 特殊教育
2050701 特殊学校教育
20508 进修及培训
2050801 教师进修
2050802 干部教育
2050803 培训支出
20509 教育费附加安排的支出
20599 其他教育支出
2059999 其他教育支出
206 科学技术支出
20601 科学技术管理事务
2060101 行政运行
2060102 一般行政管理事务
2060199 其他科学技术管理事务支出
20602 基础研究
20603 应用研究
20604 技术研究与开发
20605 科技条件与服务
20606 社会科学
20607 科学技术普及
2060701 机构运行
2060702 科普活动
20608 科技交流与合作
20609 科技重大项目
20699 其他科学技术支出
2069999 其他科学技术支出
207 文化旅游体育与传媒支出
20701 文化和旅游
2070101 行政运行
2070102 一般行政管理事务
20702 文物
20703 体育
2070308 群众体育
20706 新闻出版电影 @2019+
20708 广播电视 @2019+
20799 其他文化旅游体育与传媒支出
2079999 其他文化旅游体育与传媒支出
208 社会保障和就业支出
20801 人力资源和社会保障管理事务
2080101 行政运行
2080102 一般行政管理事务
20802 民政管理事务
2080201 行政运行
2080202 一般行政管理事务
2080206 社会组织管理
20805 行政事业单位养老支出
2080501 行政单位离退休
2080502 事业单位离退休
2080504 未归口管理的行政单位离退休 @-2019
2080505 机关事业单位基本养老保险缴费支出 @2018+
2080506 机关事业单位职业年金缴费支出 @2018+
2080599 其他行政事业单位养老支出 @2024
20807 就业补助
2080705 公益性岗位补贴
2080799 其他就业补助支出
20808 抚恤
2080801 死亡抚恤
2080802 伤残抚恤
20809 退役安置
20810 社会福利
2081001 儿童福利
2081002 老年福利
2081004 殡葬
2081005 社会福利事业单位
20811 残疾人事业
20816 红十字事业
2081601 行政运行
2081602 一般行政管理事务
20819 最低生活保障
2081901 城市最低生活保障金支出
2081902 农村最低生活保障金支出
20820 临时救助 @2019+
20821 特困人员救助供养 @2019+
20825 其他生活救助
2082501 其他城市生活救助
2082502 其他农村生活救助
20826 财政对基本养老保险基金的补助 @2019+
20827 财政对其他社会保险基金的补助 @2019+
20828 退役军人管理事务 @2019+
20899 其他社会保障和就业支出
2089999 其他社会保障和就业支出
209 社会保险基金支出
210 卫生健康支出
21001 卫生健康管理事务
2100101 行政运行
2100102 一般行政管理事务
2100199 其他卫生健康管理事务支出
21002 公立医院
2100201 综合医院
2100202 中医（民族）医院
21003 基层医疗卫生机构
2100301 城市社区卫生机构
2100302 乡镇卫生院
21004 公共卫生
2100401 疾病预防控制机构
2100402 卫生监督机构
2100403 妇幼保健机构
2100408 基本公共卫生服务 @2019+
2100409 重大公共卫生服务 @2019+
2100410 突发公共卫生事件应急处理
21007 计划生育事务
2100717 计划生育服务 @2019+
21011 行政事业单位医疗
2101101 行政单位医疗
2101102 事业单位医疗
2101103 公务员医疗补助
2101199 其他行政事业单位医疗支出
21012 财政对基本医疗保险基金的补助 @2019+
21013 医疗救助
21014 优抚对象医疗
21015 医疗保障管理事务 @2019+
21099 其他卫生健康支出
2109999 其他卫生健康支出
211 节能环保支出
21101 环境保护管理事务
2110101 行政运行
2110102 一般行政管理事务
2110199 其他环境保护管理事务支出
21102 环境监测与监察
21103 污染防治
21104 自然生态保护
21111 污染减排
21199 其他节能环保支出
2119999 其他节能环保支出
212 城乡社区支出
21201 城乡社区管理事务
2120101 行政运行
2120102 一般行政管理事务
2120104 城管执法
2120199 其他城乡社区管理事务支出
21202 城乡社区规划与管理
2120201 城乡社区规划与管理
21203 城乡社区公共设施
2120399 其他城乡社区公共设施支出
21205 城乡社区环境卫生
2120501 城乡社区环境卫生
21206 建设市场管理与监督
21208 国有土地使用权出让收入安排的支出
2120801 征地和拆迁补偿支出
2120802 土地开发支出
2120803 城市建设支出
2120804 农村基础设施建设支出
2120805 补助被征地农民支出
2120806 土地出让业务支出
2120899 其他国有土地使用权出让收入安排的支出
21299 其他城乡社区支出
2129999 其他城乡社区支出
213 农林水支出
21301 农业农村
2130101 行政运行
2130102 一般行政管理事务
21302 林业和草原
2130201 行政运行
21303 水利
2130301 行政运行
2130302 一般行政管理事务
21307 农村综合改革
21308 普惠金融发展支出 @2019+
21399 其他农林水支出
2139999 其他农林水支出
214 交通运输支出
21401 公路水路运输
2140101 行政运行
2140102 一般行政管理事务
21402 铁路运输
21403 民用航空运输
21499 其他交通运输支出
2149999 其他交通运输支出
215 资源勘探工业信息等支出
216 商业服务业等支出
21602 商业流通事务
217 金融支出
219 援助其他地区支出
220 自然资源海洋气象等支出
22001 自然资源事务
2200101 行政运行
2200102 一般行政管理事务
2200150 事业运行
2200199 其他自然资源事务支出
22005 气象事务
221 住房保障支出
22101 保障性安居工程支出
22102 住房改革支出
2210201 住房公积金
2210202 提租补贴
2210203 购房补贴
22103 城乡社区住宅
2210399 其他城乡社区住宅支出
222 粮油物资储备支出
223 国有资本经营预算支出 @2019+
224 灾害防治及应急管理支出 @2019+
22401 应急管理事务 @2019+
2240101 行政运行 @2019+
2240102 一般行政管理事务 @2019+
22405 地震事务 @2019+
22406 自然灾害防治 @2019+
22407 自然灾害救灾及恢复重建支出 @2019+
22499 其他灾害防治及应急管理支出 @2019+
227 预备费
229 其他支出
22960 彩票公益金安排的支出
22999 其他支出
230 转移性支出
231 债务还本支出 @2019+
232 债务付息支出 @2019+
233 债务发行费用支出 @2019+
234 抗疫特别国债安排的支出 @2024
"""

# Renames: code -> [(former name, last edition year that used it)]. An edition up to that year
# carries the former name as its own name; a later edition lists it as a former name.
FORMER = {
    "207": [("文化体育与传媒支出", 2018)],
    "20701": [("文化", 2018)],
    "20799": [("其他文化体育与传媒支出", 2018)],
    "2079999": [("其他文化体育与传媒支出", 2018)],
    "210": [("医疗卫生与计划生育支出", 2018), ("医疗卫生支出", 2013)],
    "21001": [("医疗卫生与计划生育管理事务", 2018)],
    "2100199": [("其他医疗卫生与计划生育管理事务支出", 2018)],
    "21099": [("其他医疗卫生与计划生育支出", 2018)],
    "2109999": [("其他医疗卫生与计划生育支出", 2018)],
    "21301": [("农业", 2018)],
    "21302": [("林业", 2018)],
    "220": [("国土海洋气象等支出", 2018)],
    "22001": [("国土资源事务", 2018)],
    "2200199": [("其他国土资源事务支出", 2018)],
    "20805": [("行政事业单位离退休", 2019)],
    # the 2018 reform of the 支出经济分类: names of the pre-2018 classification
    "307": [("债务利息支出", 2017)],
    "309": [("基本建设支出", 2017)],
    "310": [("其他资本性支出", 2017)],
    "30307": [("医疗费", 2017)],
    "30310": [("生产补贴", 2017)],
    "30311": [("住房公积金", 2017)],
}
NOTE = {
    "20805": "renamed between the 2019 and 2023 evidence (observed:catalogs-csv); exact edition of the rename not recorded",
    "30104": "pre-2018 classification; 社会保障缴费 is its name before the 2015 pension reform added 30108/30109 (accepted as a variant)",
    "30307": "the 2018 reform moved 医疗费 to 30114; 30307 became 医疗费补助",
    "30311": "the 2018 reform moved 住房公积金 to 30113; 30311 became 代缴社会保险费",
    "30312": "pre-2018 classification; the 2018 reform folded 提租补贴 into 30102 津贴补贴",
    "30313": "pre-2018 classification; the 2018 reform folded 购房补贴 into 30102 津贴补贴",
    "310": "the 2018 reform renamed 其他资本性支出 to 资本性支出 (31099 keeps the name 其他资本性支出)",
}
VARIANTS = {
    "212": ["城乡社区事务支出", "城乡社区事务"],
    "213": ["农林水事务支出", "农林水事务"],
    "215": ["资源勘探信息等支出"],
    "50999": ["其他对个人和家庭补助"],
    "30104": ["社会保障缴费"],
}

# 部门预算支出经济分类. The 2018 reform (effective with the 2018 budgets) reorganised it: lines
# marked @-2017 are codes of the pre-2018 classification only, @2018+ codes it introduced.
DEPT = """
301 工资福利支出
30101 基本工资
30102 津贴补贴
30103 奖金
30104 其他社会保障缴费 @-2017
30106 伙食补助费
30107 绩效工资
30108 机关事业单位基本养老保险缴费
30109 职业年金缴费
30110 职工基本医疗保险缴费 @2018+
30111 公务员医疗补助缴费 @2018+
30112 其他社会保障缴费 @2018+
30113 住房公积金 @2018+
30114 医疗费 @2018+
30199 其他工资福利支出
302 商品和服务支出
30201 办公费
30202 印刷费
30203 咨询费
30204 手续费
30205 水费
30206 电费
30207 邮电费
30208 取暖费
30209 物业管理费
30211 差旅费
30212 因公出国（境）费用
30213 维修（护）费
30214 租赁费
30215 会议费
30216 培训费
30217 公务接待费
30218 专用材料费
30224 被装购置费
30225 专用燃料费
30226 劳务费
30227 委托业务费
30228 工会经费
30229 福利费
30231 公务用车运行维护费
30239 其他交通费用
30240 税金及附加费用 @2018+
30299 其他商品和服务支出
303 对个人和家庭的补助
30301 离休费
30302 退休费
30303 退职（役）费
30304 抚恤金
30305 生活补助
30306 救济费
30307 医疗费补助
30308 助学金
30309 奖励金
30310 个人农业生产补贴
30311 代缴社会保险费
30312 提租补贴 @-2017
30313 购房补贴 @-2017
30399 其他对个人和家庭的补助
304 对企事业单位的补贴 @-2017
305 转移性支出 @-2017
306 赠与 @-2017
307 债务利息及费用支出
30701 国内债务付息 @2018+
30702 国外债务付息 @2018+
308 债务还本支出 @-2017
309 资本性支出（基本建设）
30901 房屋建筑物购建
30902 办公设备购置
30903 专用设备购置
30905 基础设施建设
30906 大型修缮
310 资本性支出
31001 房屋建筑物购建
31002 办公设备购置
31003 专用设备购置
31005 基础设施建设
31006 大型修缮
31007 信息网络及软件购置更新 @2018+
31013 公务用车购置
31019 其他交通工具购置
31021 文物和陈列品购置 @2018+
31022 无形资产购置 @2018+
31099 其他资本性支出
311 贷款转贷及产权参股 @-2017
311 对企业补助（基本建设） @2018+
312 对企业补助 @2018+
313 对社会保障基金补助 @2018+
399 其他支出
39999 其他支出 @2018+
"""

GOV = """
501 机关工资福利支出
50101 工资奖金津补贴
50102 社会保障缴费
50103 住房公积金
50199 其他工资福利支出
502 机关商品和服务支出
50201 办公经费
50202 会议费
50203 培训费
50204 专用材料购置费
50205 委托业务费
50206 公务接待费
50207 因公出国（境）费用
50208 公务用车运行维护费
50209 维修（护）费
50299 其他商品和服务支出
503 机关资本性支出（一）
50301 房屋建筑物购建
50302 基础设施建设
50303 公务用车购置
50306 设备购置
50307 大型修缮
50399 其他资本性支出
504 机关资本性支出（二）
505 对事业单位经常性补助
50501 工资福利支出
50502 商品和服务支出
50599 其他对事业单位补助
506 对事业单位资本性补助
50601 资本性支出（一）
50602 资本性支出（二）
507 对企业补助
508 对企业资本性支出
509 对个人和家庭的补助
50901 社会福利和救助
50902 助学金
50903 个人农业生产补贴
50905 离退休费
50999 其他对个人和家庭的补助
510 对社会保障基金补助
511 债务利息及费用支出
512 债务还本支出
513 转移性支出
514 预备费及预留
599 其他支出
"""
GOV_VARIANTS = {"503": ["机关资本性支出"]}

# 部门 -> 政府 crosswalk. README: the partial published 对照表 quoted in ../shared/catalogs/README.md;
# KNOW: the 事业单位 side (505/506) and the class-level mapping.
README_CROSSWALK = {
    "50101": "30101 30102 30103 30107",
    "50102": "30108 30109 30110 30111 30112",
    "50103": "30113",
    "50199": "30106 30114 30199",
    "50201": "30201 30202 30204 30205 30206 30207 30208 30209 30211 30214 30228 30229 30239 30240",
    "50202": "30215",
    "50203": "30216",
    "50205": "30227",
    "50206": "30217",
    "50208": "30231",
    "50209": "30213",
    "50901": "30305 30306",
    "50905": "30301 30302",
}
KNOW_CROSSWALK = {
    "50207": "30212",
    "50204": "30218 30224 30225",
    "50299": "30299",
    "50999": "30399",
    "50902": "30308",
    "50903": "30310",
    "50306": "31002 31003",
    "50301": "31001",
    "50303": "31013",
}
# 事业单位: 301xx -> 50501, 302xx -> 50502, 310xx -> 50601 (class level below covers the rest)
CLASS_CROSSWALK = {"301": "501 505", "302": "502 505", "303": "509", "307": "511", "309": "504 506", "310": "503 506"}
SHIYE = {"301": "50501", "302": "50502", "310": "50601"}


def _editions(marker: str | None) -> set[int]:
    if not marker:
        return set(EDITIONS)
    m = re.fullmatch(r"(-?)(\d{4})(\+?)", marker)
    assert m, marker
    year = int(m.group(2))
    if m.group(1):
        return {e for e in EDITIONS if e <= year}
    if m.group(3):
        return {e for e in EDITIONS if e >= year}
    return {year}


def _lines(block: str) -> list[tuple[str, str, set[int]]]:
    out = []
    for ln in block.strip().splitlines():
        if not ln.strip():
            continue
        m = re.fullmatch(r"(\d+) (\S+)(?: @(\S+))?", ln.strip())
        assert m, ln
        out.append((m.group(1), m.group(2), _editions(m.group(3))))
    return out


def _name_in(code: str, name: str, edition: int) -> tuple[str, list[tuple[str, int]]]:
    """The entry's name in ``edition`` and its former names (renames up to that edition)."""
    renames = sorted(FORMER.get(code, []), key=lambda x: x[1])
    own = next((n for n, until in renames if until >= edition), name)
    return own, [(n, u) for n, u in renames if u < edition]


def _key(name: str) -> str:
    k = re.sub(r"\s+", "", name).replace("（", "(").replace("）", ")")
    return k[:-2] if k.endswith("支出") and len(k) > 2 else k


def _observed(catalogs: Path) -> dict[str, list[tuple[str, set[int]]]]:
    out: dict[str, list[tuple[str, set[int]]]] = {}
    for name in ("observed_expenditure_function_codes.csv", "observed_dept_economic_codes.csv"):
        text = (catalogs / name).read_text("utf-8")
        rows = csv.DictReader(ln for ln in text.splitlines() if not ln.startswith("#"))
        for r in rows:
            years = {int(y) for y in r["years_seen"].split(";") if y}
            out.setdefault(r["code"], []).append((r["name"], years))
    return out


def _corpus() -> dict[str, list[tuple[str, set[int]]]]:
    """code -> (name, {year}) pairs printed in the corpus documents, read with yusuan."""
    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "scripts"))
    from corpus_report import documents  # noqa: PLC0415 - a developer script beside this one

    from yusuan import read, read_files  # noqa: PLC0415
    from yusuan.errors import YusuanError  # noqa: PLC0415

    pairs: dict[tuple[str, str], set[int]] = {}
    for _name, files in documents(CORPUS) if CORPUS.is_dir() else []:
        try:
            d = (read_files(files) if len(files) == 2 else read(files[0])).disclosure
        except YusuanError:
            continue
        if d.meta.year is None:
            continue
        for t in d.tables:
            for r in t.rows:
                if r.side or not r.code or r.kind in ("unit", "total", "project") or not r.label:
                    continue
                pairs.setdefault((r.code, r.label), set()).add(d.meta.year)
                if r.attr("gov_code") and r.attr("gov_name"):
                    pairs.setdefault((r.attr("gov_code"), r.attr("gov_name")), set()).add(d.meta.year)
    out: dict[str, list[tuple[str, set[int]]]] = {}
    for (code, name), years in pairs.items():
        out.setdefault(code, []).append((name, years))
    return out


def _seed() -> dict[str, set[str]]:
    """code -> names printed in the reference document's code tables."""
    out: dict[str, set[str]] = {}
    for ln in SEED.read_text("utf-8").splitlines():
        c = [x.strip() for x in ln.split("\t")]
        if len(c) > 4 and re.fullmatch(r"2\d\d", c[0]) and re.fullmatch(r"\d\d", c[1]) and re.fullmatch(r"\d\d", c[2]):
            out.setdefault(c[0] + c[1] + c[2], set()).add(c[4])  # 类 款 项 单位代码 名称
        elif len(c) > 4 and re.fullmatch(r"3\d{4}", c[0]) and re.fullmatch(r"5\d{4}", c[2]):
            out.setdefault(c[0], set()).add(c[1])  # table 6: 部门 code, name, 政府 code, name
            out.setdefault(c[2], set()).add(c[3])
        elif len(c) > 5 and re.fullmatch(r"3\d\d", c[0]) and re.fullmatch(r"5\d\d", c[3]) and c[1].isdigit():
            out.setdefault(c[0] + c[1], set()).add(c[2])  # table 7: 类 款 name 类 款 name
            out.setdefault(c[3] + c[4], set()).add(c[5])
        elif len(c) > 2 and re.fullmatch(r"3\d\d", c[0]) and c[1] and not c[1].isdigit():
            out.setdefault(c[0], set()).add(c[1])  # table 6 class rows
    return out


def _evidence(pairs: list[tuple[str, set[int]]], name: str, window: set[int]) -> list[int]:
    return sorted({y for n, ys in pairs if _key(n) == _key(name) for y in ys & window})


def build(catalogs: Path) -> None:
    observed = _observed(catalogs)
    corpus = _corpus()
    seed = _seed()
    seed_text = SEED.read_text("utf-8")
    readme_gov = set(re.findall(r"(5\d{2,4}) ", (catalogs / "README.md").read_text("utf-8")))
    crosswalk: dict[str, list[str]] = {}
    cw_prov: dict[str, set[str]] = {}
    for src, table in (("readme:catalogs", README_CROSSWALK), ("knowledge", KNOW_CROSSWALK)):
        for gov, depts in table.items():
            for d in depts.split():
                crosswalk.setdefault(d, []).append(gov)
                cw_prov.setdefault(d, set()).add(src)
    for cls, gov in SHIYE.items():
        for d in list(crosswalk):
            if d.startswith(cls) and gov not in crosswalk[d]:
                crosswalk[d].append(gov)
                cw_prov[d].add("knowledge")
    for cls, govs in CLASS_CROSSWALK.items():
        crosswalk[cls] = govs.split()
        cw_prov.setdefault(cls, set()).add("knowledge")
    used_seed: set[tuple[str, str]] = set()
    dropped: list[str] = []
    with (OUT.parent / "editions.toml").open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(
            "# The bundled catalog editions and the document years each applies to.\n"
            "# Built by scripts/build_catalog.py; read by loader.bundled_validity().\n"
        )
        for ed, (a, b) in VALID.items():
            fh.write(f'\n[[edition]]\nyear = {ed}\nvalid_from = {a}\nvalid_to = {b}\nnote = "{VALID_NOTE[ed]}"\n')
    for edition in EDITIONS:
        window = set(range(VALID[edition][0], VALID[edition][1] + 1))
        folder = OUT / str(edition)
        folder.mkdir(parents=True, exist_ok=True)
        for scheme, block in (("function", FUNCTION), ("dept_economic", DEPT), ("gov_economic", GOV)):
            if scheme == "gov_economic" and edition < GOV_FROM:
                (folder / f"{scheme}.csv").unlink(missing_ok=True)
                continue
            rows = []
            for code, base, eds in _lines(block):
                if edition not in eds:
                    continue
                name, former = _name_in(code, base, edition)
                prov = ["knowledge"]
                years = _evidence(observed.get(code, []), name, set(range(2000, 2100)))  # any year: the pair is in use
                if years:
                    prov.append("observed:catalogs-csv@" + ",".join(map(str, years)))
                in_corpus = _evidence(corpus.get(code, []), name, window)
                if in_corpus:
                    prov.append("observed:corpus@" + ",".join(map(str, in_corpus)))
                for src, pairs in (("observed", observed.get(code, [])), ("corpus", corpus.get(code, []))):
                    for n, ys in pairs:
                        if _key(n) != _key(name) and ys & window and not any(_key(n) == _key(v) for v in VARIANTS.get(code, [])):
                            dropped.append(f"{edition} {code} {src} {n!r} {sorted(ys & window)} (catalog: {name})")
                if edition == 2024:
                    names = seed.get(code, set())
                    if any(_key(n) == _key(name) for n in names):
                        prov.append("seed:henan-2024")
                    for n in names:
                        used_seed.add((code, n))
                        if _key(n) != _key(name):
                            dropped.append(f"{edition} {code} seed {n!r} (catalog: {name})")
                    if len(code) == 3 and scheme == "function" and _key(name).replace("支出", "") in seed_text:
                        prov.append("seed:henan-2024")
                if scheme == "gov_economic" and code in readme_gov:
                    prov.append("readme:catalogs")
                variants = VARIANTS.get(code, []) + GOV_VARIANTS.get(code, [])
                gov = crosswalk.get(code, []) if scheme == "dept_economic" and edition >= GOV_FROM else []
                note = "" if code == "20805" and not former else NOTE.get(code, "")
                if gov:
                    note = (note + "; " if note else "") + "crosswalk: " + ";".join(sorted(cw_prov.get(code, {"knowledge"})))
                rows.append(
                    [
                        edition,
                        scheme,
                        code,
                        name,
                        "|".join(f"{n}@{u}" for n, u in former),
                        "|".join(variants),
                        "|".join(gov),
                        ";".join(dict.fromkeys(prov)),
                        note,
                    ]
                )
            with (folder / f"{scheme}.csv").open("w", encoding="utf-8", newline="") as fh:
                fh.write(
                    f"# yusuan catalog, edition {edition}, {scheme}: built by scripts/build_catalog.py; see loader.py for the format\n"
                )
                w = csv.writer(fh, lineterminator="\n")
                w.writerow(["edition", "scheme", "code", "name", "former", "variants", "gov_codes", "provenance", "note"])
                w.writerows(rows)
    for code, names in sorted(seed.items()):
        for n in names:
            if (code, n) not in used_seed:
                print(f"seed pair not in the catalog: {code} {n}", file=sys.stderr)
    listed = {c for c, _, _ in _lines(FUNCTION + DEPT + GOV)}
    for code, pairs in sorted(observed.items()):
        if code not in listed:
            print(f"observed code left out: {code} {pairs}", file=sys.stderr)
    for code, pairs in sorted(corpus.items()):
        if code not in listed and code[:1] in "235":
            print(f"corpus code left out: {code} {pairs}", file=sys.stderr)
    for d in dropped:
        print("name evidence not taken:", d, file=sys.stderr)


if __name__ == "__main__":
    build(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "catalogs")
