// Golden tests on the real newspaper pages in ../shared/seeds: the articles of each page in
// reading order, with their headlines as printed. Skipped, with a message, without ../shared.
#include <boost/test/unit_test.hpp>
#include <filesystem>

#include "golden_support.hpp"
#include "parse/parse.hpp"
#include "text/source.hpp"

using namespace tally;

namespace {

struct Page {
  const char* file;
  std::vector<std::string> headlines;  // "" for an article with no headline on the page
};

const std::vector<Page>& pages() {
  static const std::vector<Page> p{
      {"000_7687abc50c4ea6bf.txt",
       {"包头市司法局 / 强化行政执法监督", "稀土高新区检察院 / 检护青春法润校园",
        "检护“未”来 共育花开", ""}},
      {"001_ecb8240a5ef4f24b.txt",
       {"互促共进奏响协同履职最强音 / 内蒙古包头:积极探索打造区域检察协作新样板",
        "鞍山铁东:融入社会治理夯实平安之基", "湖北竹山:全面摸排未成年人保护数据", "锁紧“廉政榫卯”",
        "压实主体责任构建『大管理』格局", "抓关键问题聚焦『三个管理』"}},
      {"002_e7f5bf58e6b205eb.txt",
       {"蹄疾步稳以致远 笃行不怠勇担当 / 包头市司法局以“有解思维”开拓“法治包头”新局面"}},
      {"003_b2c19378cf759b28.txt",
       {"深耕善治让平安触手可及", "", "网格化服务让“末梢”变“前哨”",
        "检察公益诉讼守护群众“舌尖上的安全”", "抓实人才培养 助力青年干警“壮苗出穗”",
        "宣讲“声”入人心"}},
      {"004_bc0b7b4e1118cb2e.txt",
       {"多元驱动止纷争 铺就政通人和路 / 巴彦淖尔市中院以司法之力监督支持行政机关依法行政",
        "探索法治服务新路径 / 助力基层治理提质效", "警营初体验"}},
  };
  return p;
}

std::string seeds_dir() {
  return std::string(TALLY_SHARED_DIR) + "/seeds";
}

bool have_seeds() {
  if (std::filesystem::is_directory(seeds_dir())) return true;
  BOOST_TEST_MESSAGE("skipped: " << seeds_dir() << " is not present");
  return false;
}

struct Loaded {
  std::string bytes;
  parse::Document doc;
};

Loaded load(const char* file) {
  auto r = text::load_file(seeds_dir() + "/" + file);
  BOOST_REQUIRE(r.source);
  return {r.source->bytes, parse::parse_document(*r.source)};
}

const parse::Article* find_article(const parse::Document& d, const std::string& headline) {
  for (const auto& a : d.articles)
    if (a.headline == headline) return &a;
  return nullptr;
}

bool has_block(const parse::Article& a, parse::BlockType t, const std::string& text) {
  for (const auto& b : a.blocks)
    if (b.type == t && b.text.text == text) return true;
  return false;
}

bool starts_with(const std::string& s, const std::string& p) {
  return s.compare(0, p.size(), p) == 0;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(golden_seeds)

BOOST_AUTO_TEST_CASE(articles_and_headlines) {
  if (!have_seeds()) return;
  for (const auto& page : pages()) {
    BOOST_TEST_CONTEXT(page.file) {
      auto l = load(page.file);
      BOOST_TEST_REQUIRE(l.doc.articles.size() == page.headlines.size());
      for (size_t i = 0; i < page.headlines.size(); ++i)
        BOOST_TEST(l.doc.articles[i].headline == page.headlines[i], "article " << i + 1);
      check_blocks_map_to_bytes(l.doc, l.bytes);
    }
  }
}

BOOST_AUTO_TEST_CASE(page_000_details) {
  if (!have_seeds()) return;
  auto l = load("000_7687abc50c4ea6bf.txt");
  const auto& d = l.doc;
  BOOST_TEST(has_block(d.articles[0], parse::BlockType::Dateline, "包头讯"));
  BOOST_TEST(has_block(d.articles[0], parse::BlockType::SignOff, "（潘源）"));
  BOOST_TEST(has_block(d.articles[1], parse::BlockType::SignOff, "（马思腾）"));
  // The headline printed after its body belongs to that body, with its byline.
  BOOST_TEST(has_block(d.articles[2], parse::BlockType::Byline, "本报记者●刘琪 通讯员●路萍"));
  const auto* body = &d.articles[2].blocks[2];
  BOOST_TEST(starts_with(body->text.text, "未成年人司法保护是一项"));
  // The article with no headline keeps its four sub-heads.
  int subheads = 0;
  for (const auto& b : d.articles[3].blocks) subheads += b.type == parse::BlockType::Subhead;
  BOOST_TEST(subheads == 4);
  BOOST_TEST(has_block(d.articles[3], parse::BlockType::Subhead, "溯源之旅：全流程见证品质管控"));
  BOOST_TEST(starts_with(d.articles[3].blocks[0].text.text, "在“3·15”国际消费者权益日之际"));
}

BOOST_AUTO_TEST_CASE(page_001_details) {
  if (!have_seeds()) return;
  auto l = load("001_ecb8240a5ef4f24b.txt");
  const auto& d = l.doc;
  BOOST_TEST(d.articles[0].blocks[0].type == parse::BlockType::Kicker);
  int captions = 0;
  for (const auto& b : d.articles[0].blocks) captions += b.type == parse::BlockType::Caption;
  BOOST_TEST(captions == 2);
  // The paragraph broken across the two captions is one paragraph.
  bool rejoined = false;
  for (const auto& b : d.articles[0].blocks)
    rejoined |=
        b.text.text.find("包头市检察院以“益鹿同行”公益诉讼检察品牌为引领") != std::string::npos;
  BOOST_TEST(rejoined);
  BOOST_TEST(has_block(d.articles[1], parse::BlockType::Byline, "本报讯(通讯员 姚晓滨)"));
  // "锁紧“廉政榫卯”": opening and byline printed at the end of the page.
  const auto* a = find_article(d, "锁紧“廉政榫卯”");
  BOOST_REQUIRE(a);
  BOOST_TEST(has_block(*a, parse::BlockType::Byline, "□本报记者 郭树合"));
  bool joined = false;
  for (const auto& b : a->blocks)
    joined |= b.text.text.find("如同《考工记》记载的齐国筑城术") != std::string::npos;
  BOOST_TEST(joined);
  BOOST_TEST(has_block(d.articles[4], parse::BlockType::Byline,
                       "重庆市大渡口区检察院党组书记、检察长 刘劲松"));
}

BOOST_AUTO_TEST_CASE(page_002_details) {
  if (!have_seeds()) return;
  auto l = load("002_e7f5bf58e6b205eb.txt");
  const auto& a = l.doc.articles[0];
  std::vector<std::string> sections;
  int captions = 0;
  for (const auto& b : a.blocks) {
    if (b.type == parse::BlockType::Section) sections.push_back(b.text.text);
    captions += b.type == parse::BlockType::Caption;
  }
  BOOST_TEST(sections == (std::vector<std::string>{"A", "C", "B"}),
             boost::test_tools::per_element());
  BOOST_TEST(captions == 3);
  BOOST_TEST(has_block(a, parse::BlockType::Caption, "行政复议听证会。"));
  BOOST_TEST(has_block(a, parse::BlockType::Caption, "“法治体检”。"));
  bool lead = false, pull = false, doubled = false;
  for (const auto& b : a.blocks) {
    lead |= b.text.text == "大道如砥，行者无疆。";
    pull |= starts_with(b.text.text, "金戈铁马闻征鼓，只争朝夕启新程。");
    doubled |= b.text.text.find("挽回经济损失 818.1 万元；司法鉴定更有精度，") != std::string::npos;
  }
  BOOST_TEST(lead);
  BOOST_TEST(pull);
  BOOST_TEST(doubled);
}

BOOST_AUTO_TEST_CASE(page_003_details) {
  if (!have_seeds()) return;
  auto l = load("003_b2c19378cf759b28.txt");
  const auto& d = l.doc;
  BOOST_TEST(d.articles[0].blocks[0].type == parse::BlockType::Section);
  BOOST_TEST(d.articles[0].blocks[0].text.text == "法治聚焦");
  // Article 1 is interrupted at "安全隐患排" and resumes at "查等方面": one paragraph again.
  bool resumed = false;
  for (const auto& b : d.articles[0].blocks)
    resumed |= b.text.text.find("安全隐患排查等方面积极发挥作用") != std::string::npos;
  BOOST_TEST(resumed);
  BOOST_TEST(starts_with(d.articles[1].blocks[0].text.text, "在呼和浩特市玉泉区小黑河镇达拉庄村"));
  BOOST_TEST(d.articles[2].blocks[0].text.text == "基层治理");
  BOOST_TEST(d.articles[2].blocks.back().text.text.find("激励赋") != std::string::npos);
  bool first = false;
  for (const auto& b : d.articles[4].blocks)
    first |= starts_with(b.text.text, "为进一步推动高素质专业化法院人才队伍建设");
  BOOST_TEST(first);
}

BOOST_AUTO_TEST_CASE(page_004_details) {
  if (!have_seeds()) return;
  auto l = load("004_bc0b7b4e1118cb2e.txt");
  const auto& d = l.doc;
  BOOST_REQUIRE(d.header);
  BOOST_TEST(d.header->date->iso() == "2025-07-22");
  BOOST_TEST(d.header->page == "05");
  BOOST_TEST(d.header->section == "法治聚焦");
  BOOST_TEST(
      d.header->editors == (std::vector<std::string>{"责任编辑：李海涛", "制版编辑：高如哈"}),
      boost::test_tools::per_element());
  BOOST_TEST(d.publication_date->iso() == "2025-07-22");
  BOOST_TEST(has_block(d.articles[1], parse::BlockType::SignOff, "（戴昂）"));
  BOOST_TEST(has_block(d.articles[1], parse::BlockType::Subhead, "打好专家牌"));
  BOOST_TEST(has_block(d.articles[2], parse::BlockType::SignOff, "（自治区监狱管理局供稿）"));
  int names = 0;
  for (const auto& b : d.articles[2].blocks) names += b.type == parse::BlockType::Byline;
  BOOST_TEST(names == 7);
  bool spaced = false;
  for (const auto& b : d.articles[0].blocks)
    spaced |= b.text.text.find("巴彦淖尔市中级人民法院行政审判庭着眼长远") != std::string::npos;
  BOOST_TEST(spaced);
}

BOOST_AUTO_TEST_SUITE_END()
