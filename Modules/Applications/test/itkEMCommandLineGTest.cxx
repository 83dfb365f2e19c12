/*=========================================================================
 *
 *  Copyright the ITKAnalyticalEM contributors
 *
 *  Licensed under the Apache License, Version 2.0 (the "License");
 *  you may not use this file except in compliance with the License.
 *  You may obtain a copy of the License at
 *
 *         http://www.apache.org/licenses/LICENSE-2.0.txt
 *
 *  Unless required by applicable law or agreed to in writing, software
 *  distributed under the License is distributed on an "AS IS" BASIS,
 *  WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 *  See the License for the specific language governing permissions and
 *  limitations under the License.
 *
 *=========================================================================*/
#include "itkEMCommandLine.h"
#include "itkEMModuleDescription.h"
#include "itkEMProgress.h"

#include "itkEMTestData.h"

#include "gtest/gtest.h"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace
{
namespace fs = std::filesystem;
using itk::EMCLI::CommandLine;
using itk::EMCLI::ModuleDescription;

const char * const XML = R"(<?xml version="1.0" encoding="utf-8"?>
<executable>
  <category>Test</category>
  <title>Test module</title>
  <description>For the parser tests</description>
  <version>1</version>
  <parameters>
    <label>IO</label>
    <description>files</description>
    <image><name>input</name><label>In</label><channel>input</channel><index>0</index><description>d</description></image>
    <file><name>output</name><label>Out</label><channel>output</channel><index>1</index><description>d</description></file>
    <image multiple="true"><name>extra</name><longflag>extra</longflag><label>E</label><channel>input</channel><description>d</description></image>
  </parameters>
  <parameters>
    <label>Values</label>
    <description>numbers</description>
    <double><name>lambda</name><flag>-l</flag><longflag>--lambda</longflag><label>L</label><description>d</description>
      <default>0.5</default><constraints><minimum>0</minimum><maximum>10</maximum></constraints></double>
    <integer><name>count</name><longflag>count</longflag><label>C</label><description>d</description><default>3</default></integer>
    <boolean><name>verbose</name><flag>v</flag><label>V</label><description>d</description><default>false</default></boolean>
    <double-vector><name>window</name><longflag>window</longflag><label>W</label><description>d</description></double-vector>
    <string-enumeration><name>mode</name><longflag>mode</longflag><label>M</label><description>d</description>
      <default>a</default><element>a</element><element>b</element></string-enumeration>
    <double><name>result</name><label>R</label><channel>output</channel><description>d</description><default>0</default></double>
  </parameters>
</executable>
)";

struct Files
{
  // One folder per test: ctest runs the tests in parallel processes.
  fs::path Folder = fs::path(itk::EMTest::OutputPath(std::string("command_line_") +
                                                     testing::UnitTest::GetInstance()->current_test_info()->name()));
  fs::path Input = Folder / "in.txt";
  Files()
  {
    fs::remove_all(Folder);
    fs::create_directories(Folder);
    std::ofstream(Input) << "data";
  }
};

bool
Parse(CommandLine & cli, std::vector<std::string> arguments)
{
  arguments.insert(arguments.begin(), "test");
  std::vector<const char *> argv;
  for (const auto & a : arguments)
  {
    argv.push_back(a.c_str());
  }
  return cli.Parse(static_cast<int>(argv.size()), argv.data());
}
} // namespace

TEST(ModuleDescription, ReadsParametersGroupsAndConstraints)
{
  const auto description = ModuleDescription::Parse(XML);
  EXPECT_EQ(description.Title, "Test module");
  ASSERT_EQ(description.Parameters.size(), 9u);
  const auto * lambda = description.Find("lambda");
  ASSERT_NE(lambda, nullptr);
  EXPECT_EQ(lambda->Flag, "l"); // dashes removed
  EXPECT_EQ(lambda->LongFlag, "lambda");
  EXPECT_TRUE(lambda->HasMinimum && lambda->HasMaximum);
  EXPECT_EQ(lambda->Maximum, 10.0);
  EXPECT_EQ(lambda->Group, "Values");
  EXPECT_TRUE(description.Find("extra")->Multiple);
  EXPECT_EQ(description.Find("mode")->Elements, (std::vector<std::string>{ "a", "b" }));
  EXPECT_EQ(description.Find("output")->Index, 1);
}

TEST(ModuleDescription, RejectsBadDescriptions)
{
  EXPECT_THROW(ModuleDescription::Parse("<executable><parameters>"), itk::ExceptionObject); // not well formed
  EXPECT_THROW(ModuleDescription::Parse("<module/>"), itk::ExceptionObject);
  const std::string head = "<executable><parameters><label>g</label>";
  const std::string tail = "</parameters></executable>";
  EXPECT_THROW(ModuleDescription::Parse(head + "<integer><longflag>x</longflag></integer>" + tail), itk::ExceptionObject);
  EXPECT_THROW(ModuleDescription::Parse(head + "<integer><name>a</name></integer>" + tail), itk::ExceptionObject);
  EXPECT_THROW(ModuleDescription::Parse(head + "<bogus><name>a</name><index>0</index></bogus>" + tail), itk::ExceptionObject);
  EXPECT_THROW(ModuleDescription::Parse(head + "<integer><name>a</name><flag>x</flag></integer><integer><name>b</name><flag>x</flag></integer>" + tail),
               itk::ExceptionObject);
  EXPECT_THROW(ModuleDescription::Parse(head + "<file><name>a</name><index>1</index></file>" + tail), itk::ExceptionObject);
  EXPECT_THROW(ModuleDescription::Parse(head + "<string-enumeration><name>a</name><flag>x</flag></string-enumeration>" + tail),
               itk::ExceptionObject);
}

TEST(CommandLine, FlagsPositionalsAndDefaults)
{
  Files      files;
  const auto output = (files.Folder / "out.mha").string();
  CommandLine cli("test", XML);
  ASSERT_TRUE(Parse(cli, { files.Input.string(), output, "-l", "2.5", "--count=7", "-v", "--window", "1,2.5",
                           "--mode", "b", "--extra", files.Input.string(), "--extra", files.Input.string() }));
  EXPECT_EQ(cli.GetDouble("lambda"), 2.5);
  EXPECT_EQ(cli.GetInteger("count"), 7);
  EXPECT_TRUE(cli.GetBoolean("verbose"));
  EXPECT_EQ(cli.GetDoubleVector("window"), (std::vector<double>{ 1.0, 2.5 }));
  EXPECT_EQ(cli.GetString("mode"), "b");
  EXPECT_EQ(cli.GetAll("extra").size(), 2u);
  EXPECT_EQ(cli.GetString("output"), output);

  CommandLine defaults("test", XML);
  ASSERT_TRUE(Parse(defaults, { files.Input.string(), output }));
  EXPECT_EQ(defaults.GetDouble("lambda"), 0.5);
  EXPECT_FALSE(defaults.GetBoolean("verbose"));
  EXPECT_FALSE(defaults.IsSet("window"));
  EXPECT_TRUE(defaults.GetAll("extra").empty());
  const std::string help = defaults.HelpText();
  for (const char * expected : { "-l, --lambda", "--count", "<input>", "<output>", "Default: 0.5", "Range: [0, 10]", "One of: a b" })
  {
    EXPECT_NE(help.find(expected), std::string::npos) << expected;
  }
}

TEST(CommandLine, BadArgumentsNameTheProblem)
{
  Files       files;
  const auto  input = files.Input.string();
  const auto  output = (files.Folder / "out.mha").string();
  const std::vector<std::pair<std::vector<std::string>, std::string>> cases{
    { { input, output, "--lambda", "11" }, "outside [0, 10]" },
    { { input, output, "--lambda", "x" }, "expected a number" },
    { { input, output, "--count", "1.5" }, "expected an integer" },
    { { input, output, "--mode", "c" }, "expected one of a, b" },
    { { input, output, "--bogus" }, "unknown option --bogus" },
    { { input, output, "--lambda" }, "needs a value" },
    { { input }, "missing argument <output>" },
    { { input, output, "third" }, "unexpected argument third" },
    { { input, "" }, "output: an empty file name" },
    { { "", output }, "input: an empty file name" },
    { { (files.Folder / "missing.mha").string(), output }, "cannot read" },
    { { input, input }, "is also an input" },
    { { input, (files.Folder / "no" / "out.mha").string() }, "no folder" },
    { { input, output, "-v=maybe" }, "unknown option" },
    { { input, output, "--processinformationaddress", "slicer" }, "not an address" },
    { { input, output, "--processinformationaddress", "0x10" }, "not a block of this process" },
    { { input, output, "--processinformationaddress", "0x7fff00000003" }, "not a block of this process" },
  };
  for (const auto & [arguments, message] : cases)
  {
    CommandLine cli("test", XML);
    try
    {
      Parse(cli, arguments);
      ADD_FAILURE() << "accepted: " << message;
    }
    catch (const itk::ExceptionObject & error)
    {
      EXPECT_NE(std::string(error.GetDescription()).find(message), std::string::npos)
        << error.GetDescription() << " (expected " << message << ")";
    }
  }
}

TEST(CommandLine, OutputsAppearOnlyOnCommit)
{
  Files      files;
  const auto output = files.Folder / "out.txt";
  const auto returned = files.Folder / "returned.txt";
  {
    CommandLine cli("test", XML);
    ASSERT_TRUE(Parse(cli, { files.Input.string(), output.string(), "--returnparameterfile", returned.string() }));
    const std::string temporary = cli.OutputPath("output");
    EXPECT_NE(temporary, output.string());
    EXPECT_EQ(fs::path(temporary).filename(), output.filename()); // a .mhd keeps its .raw's name
    std::ofstream(temporary) << "result";
    EXPECT_FALSE(fs::exists(output));
    cli.SetReturnParameter("result", "4.5");
    EXPECT_THROW(cli.SetReturnParameter("lambda", "1"), itk::ExceptionObject);
    cli.Commit();
  }
  EXPECT_TRUE(fs::exists(output));
  std::ifstream returnedFile(returned);
  std::string   line;
  std::getline(returnedFile, line);
  EXPECT_EQ(line, "result = 4.5");
  // Without Commit() (an error in the module), nothing is left behind.
  const auto other = files.Folder / "other.txt";
  {
    CommandLine cli("test", XML);
    ASSERT_TRUE(Parse(cli, { files.Input.string(), other.string() }));
    std::ofstream(cli.OutputPath("output")) << "partial";
  }
  EXPECT_FALSE(fs::exists(other));
  size_t entries = 0;
  for (const auto & entry : fs::directory_iterator(files.Folder))
  {
    entries += entry.path().filename().string().rfind(".aem-staging-", 0) == 0 ? 1 : 0;
  }
  EXPECT_EQ(entries, 0u);
}

TEST(CommandLine, RunGivesOneLineAndAnExitCode)
{
  Files       files;
  const auto  output = (files.Folder / "out.txt").string();
  const char * good[] = { "test", files.Input.c_str(), output.c_str() };
  EXPECT_EQ(CommandLine::Run(3, good, "test", XML, [](CommandLine & cli) { std::ofstream(cli.OutputPath("output")) << "x"; }), 0);
  EXPECT_TRUE(fs::exists(output));
  const auto   failed = (files.Folder / "failed.txt").string();
  const char * bad[] = { "test", files.Input.c_str(), failed.c_str() };
  testing::internal::CaptureStderr();
  EXPECT_EQ(CommandLine::Run(3, bad, "test", XML, [](CommandLine & cli) {
              std::ofstream(cli.OutputPath("output")) << "partial";
              itkGenericExceptionMacro(<< "the filter failed");
            }),
            1);
  const std::string message = testing::internal::GetCapturedStderr();
  EXPECT_NE(message.find("test: the filter failed\n"), std::string::npos) << message;
  EXPECT_EQ(message.find("ITK ERROR"), std::string::npos) << message;
  EXPECT_FALSE(fs::exists(failed));
  const char * xml[] = { "test", "--xml" };
  testing::internal::CaptureStdout();
  EXPECT_EQ(CommandLine::Run(2, xml, "test", XML, [](CommandLine &) { FAIL() << "ran with --xml"; }), 0);
  EXPECT_EQ(testing::internal::GetCapturedStdout(), XML);
}

TEST(Progress, SlicerTagsOnStandardOutput)
{
  std::ostringstream   out, err;
  itk::EMCLI::Progress slicer("prog", itk::EMCLI::Progress::Mode::SlicerTags, out, err, false);
  slicer.Start("comment");
  slicer.Stage("first", 0.0, 0.5);
  slicer.Report(0.5);
  slicer.Stage("second", 0.5, 1.0);
  slicer.Report(1.0);
  slicer.End();
  const std::string tags = out.str();
  EXPECT_EQ(tags.rfind("<filter-start><filter-name>prog</filter-name><filter-comment>comment</filter-comment></filter-start>\n", 0), 0u);
  EXPECT_NE(tags.find("<filter-comment>first</filter-comment>\n"), std::string::npos);
  EXPECT_NE(tags.find("<filter-progress>0.25</filter-progress>"), std::string::npos);
  EXPECT_NE(tags.find("<filter-stage-progress>0.5</filter-stage-progress>"), std::string::npos);
  EXPECT_NE(tags.find("<filter-progress>1</filter-progress>"), std::string::npos);
  EXPECT_NE(tags.find("prog: first done in "), std::string::npos) << tags;
  EXPECT_NE(tags.find("<filter-end><filter-name>prog</filter-name><filter-time>"), std::string::npos);
  EXPECT_TRUE(err.str().empty()) << "Slicer logs standard error as errors: " << err.str();
}

TEST(Progress, SlicerInProcessBlockAndAbort)
{
  struct Calls
  {
    int Count{ 0 };
  };
  itk::EMCLI::SlicerProcessInformation information{};
  Calls                                calls;
  information.ProgressCallbackClientData = &calls;
  information.ProgressCallbackFunction = [](void * data) {
    auto * seen = static_cast<Calls *>(data);
    ++seen->Count;
  };
  std::ostringstream   out, err;
  itk::EMCLI::Progress progress("prog", itk::EMCLI::Progress::Mode::SlicerInProcess, out, err, false, &information);
  EXPECT_EQ(progress.GetMode(), itk::EMCLI::Progress::Mode::SlicerInProcess);
  progress.Start("comment");
  progress.Stage("first", 0.0, 0.5);
  progress.Report(0.5);
  EXPECT_FLOAT_EQ(information.Progress, 0.25F);
  EXPECT_FLOAT_EQ(information.StageProgress, 0.5F);
  EXPECT_STREQ(information.ProgressMessage, "first");
  EXPECT_GE(information.ElapsedTime, 0.0);
  EXPECT_GE(calls.Count, 3);
  EXPECT_EQ(out.str().find("<filter-"), std::string::npos) << "no tags in-process: " << out.str();
  EXPECT_FALSE(progress.AbortRequested());
  information.Abort = 1;
  EXPECT_TRUE(progress.AbortRequested());
  EXPECT_THROW(progress.Stage("second", 0.5, 1.0), itk::ProcessAborted);
  EXPECT_TRUE(err.str().empty());

  // Without a block (a null address) the module is an executable as any other.
  itk::EMCLI::Progress orphan("prog", itk::EMCLI::Progress::Mode::SlicerInProcess, out, err, false, nullptr);
  EXPECT_EQ(orphan.GetMode(), itk::EMCLI::Progress::Mode::Terminal);
  EXPECT_FALSE(orphan.AbortRequested());
}

TEST(Progress, TerminalBar)
{
  std::ostringstream   out, err;
  itk::EMCLI::Progress terminal("prog", itk::EMCLI::Progress::Mode::Terminal, out, err, true);
  terminal.Start("comment");
  terminal.Stage("work", 0.0, 1.0);
  terminal.Report(0.5);
  terminal.End();
  EXPECT_TRUE(out.str().empty());
  EXPECT_NE(err.str().find("[###############               ]  50%"), std::string::npos) << err.str();
  EXPECT_NE(err.str().find("100%"), std::string::npos);
}
