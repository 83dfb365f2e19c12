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
#include "itkEMOutputTransaction.h"

#include "itkEMTestData.h"

#include "gtest/gtest.h"

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

namespace
{
namespace fs = std::filesystem;
using itk::EMCLI::OutputTransaction;

fs::path
TestFolder()
{
  const fs::path folder = itk::EMTest::OutputPath(std::string("transaction_") +
                                                  testing::UnitTest::GetInstance()->current_test_info()->name());
  fs::remove_all(folder);
  fs::create_directories(folder);
  return folder;
}

std::string
Text(const fs::path & path)
{
  std::ifstream file(path);
  return std::string(std::istreambuf_iterator<char>(file), std::istreambuf_iterator<char>());
}

std::string
Refusal(const std::function<void()> & declare)
{
  try
  {
    declare();
  }
  catch (const itk::ExceptionObject & error)
  {
    return error.GetDescription();
  }
  return "";
}

size_t
StagingFolders(const fs::path & folder)
{
  size_t count = 0;
  for (const auto & entry : fs::directory_iterator(folder))
  {
    count += entry.path().filename().string().rfind(".aem-staging-", 0) == 0 ? 1 : 0;
  }
  return count;
}
} // namespace

TEST(OutputTransaction, RefusesOutputsThatWouldOverwriteInputsOrEachOther)
{
  const fs::path folder = TestFolder();
  std::ofstream(folder / "in.mhd") << "ObjectType = Image\nNDims = 2\nDimSize = 1 1\nElementType = MET_FLOAT\n"
                                      "ElementDataFile = in.raw\n";
  std::ofstream(folder / "in.raw") << "1234";
  fs::create_directory(folder / "sub");
  fs::create_hard_link(folder / "in.raw", folder / "alias.raw");
  OutputTransaction outputs;
  outputs.Protect((folder / "in.mhd").string());
  const auto file = [&](const fs::path & path) { return Refusal([&] { outputs.DeclareFile(path.string(), "x"); }); };
  EXPECT_NE(file(folder / "in.mhd").find("is also an input"), std::string::npos);
  EXPECT_NE(file(folder / "." / "sub" / ".." / "in.mhd").find("is also an input"), std::string::npos);
  EXPECT_NE(file(folder / "in.raw").find("is also an input"), std::string::npos);    // the header's data file
  EXPECT_NE(file(folder / "alias.raw").find("is also an input"), std::string::npos); // a hard link to it
  EXPECT_NE(file(folder / "in.mhd").find("refused"), std::string::npos);
  // An output .mhd whose .raw would replace an input's data.
  OutputTransaction companions;
  std::ofstream(folder / "data.mhd") << "ObjectType = Image\nElementDataFile = out.raw\n";
  companions.Protect((folder / "data.mhd").string());
  EXPECT_NE(Refusal([&] { companions.DeclareFile((folder / "out.mhd").string(), "output"); }).find("would overwrite"),
            std::string::npos);
  EXPECT_EQ(file(folder / "a.mha"), "");
  EXPECT_NE(file(folder / "a.mha").find("is also another output"), std::string::npos);
  EXPECT_NE(file(folder / "sub").find("is a folder"), std::string::npos);
  EXPECT_NE(file("/dev/full").find("not a regular file"), std::string::npos);
  EXPECT_NE(file(folder / "missing" / "a.mha").find("no folder"), std::string::npos);
  std::ofstream(folder / "sub" / "keep.txt") << "keep";
  EXPECT_NE(
    Refusal([&]
            { outputs.DeclareFolder((folder / "sub").string(), "out", OutputTransaction::FolderPolicy::NewOrEmpty); })
      .find("exists and is not empty"),
    std::string::npos);
  EXPECT_EQ(StagingFolders(folder), 0u); // nothing is staged by declaring
}

TEST(OutputTransaction, CommitReplacesAllOutputsAtOnce)
{
  const fs::path folder = TestFolder();
  std::ofstream(folder / "a.txt") << "old a";
  {
    OutputTransaction outputs;
    outputs.DeclareFile((folder / "a.txt").string(), "a");
    outputs.DeclareFile((folder / "b.txt").string(), "b");
    outputs.DeclareFolder((folder / "maps").string(), "maps", OutputTransaction::FolderPolicy::NewOrEmpty);
    OutputTransaction::WriteText(outputs.StageFile((folder / "a.txt").string()), "new a");
    OutputTransaction::WriteText(outputs.StageFile((folder / "b.txt").string()), "new b");
    OutputTransaction::WriteText((fs::path(outputs.StageFolder((folder / "maps").string())) / "m.txt").string(), "m");
    EXPECT_EQ(Text(folder / "a.txt"), "old a"); // nothing visible before the commit
    EXPECT_FALSE(fs::exists(folder / "b.txt"));
    EXPECT_FALSE(fs::exists(folder / "maps"));
    EXPECT_EQ(StagingFolders(folder), 1u);
    outputs.Commit();
  }
  EXPECT_EQ(Text(folder / "a.txt"), "new a");
  EXPECT_EQ(Text(folder / "b.txt"), "new b");
  EXPECT_EQ(Text(folder / "maps" / "m.txt"), "m");
  EXPECT_EQ(StagingFolders(folder), 0u);
  // A run that fails (no commit) leaves everything as it was and no staging behind.
  {
    OutputTransaction outputs;
    outputs.DeclareFile((folder / "a.txt").string(), "a");
    outputs.DeclareFolder((folder / "maps").string(), "maps", OutputTransaction::FolderPolicy::ReplaceFiles);
    OutputTransaction::WriteText(outputs.StageFile((folder / "a.txt").string()), "partial");
    OutputTransaction::WriteText((fs::path(outputs.StageFolder((folder / "maps").string())) / "m.txt").string(), "p");
  }
  EXPECT_EQ(Text(folder / "a.txt"), "new a");
  EXPECT_EQ(Text(folder / "maps" / "m.txt"), "m");
  EXPECT_EQ(StagingFolders(folder), 0u);
  // A MetaImage written short (a full disk) is refused at commit, and nothing is replaced.
  {
    OutputTransaction outputs;
    outputs.DeclareFile((folder / "a.txt").string(), "a");
    outputs.DeclareFile((folder / "short.mha").string(), "image");
    OutputTransaction::WriteText(outputs.StageFile((folder / "a.txt").string()), "newer a");
    OutputTransaction::WriteText(outputs.StageFile((folder / "short.mha").string()),
                                 "ObjectType = Image\nNDims = 2\nDimSize = 4 4\nElementType = MET_FLOAT\n"
                                 "ElementDataFile = LOCAL\n0123456789");
    EXPECT_NE(Refusal([&] { outputs.Commit(); }).find("declares 64 bytes of image data"), std::string::npos);
    EXPECT_EQ(outputs.Unstage(outputs.StageFile((folder / "a.txt").string())),
              fs::canonical(folder).string() + "/a.txt");
  }
  EXPECT_EQ(Text(folder / "a.txt"), "new a");
  EXPECT_FALSE(fs::exists(folder / "short.mha"));
  EXPECT_EQ(StagingFolders(folder), 0u);
}

// A run killed in the middle of its commit left a journal: the next run that writes into the
// folder restores the replaced file, removes the one that was new, and commits nothing of it.
TEST(OutputTransaction, NextRunRollsBackADeadRunsHalfCommit)
{
  const fs::path folder = fs::canonical(TestFolder());
  const fs::path staging = folder / ".aem-staging-dead01";
  fs::create_directories(staging / "new");
  fs::create_directories(staging / "old");
  std::ofstream(folder / "replaced.txt") << "old";
  fs::create_hard_link(folder / "replaced.txt", staging / "old" / "0");
  // The dead run moved its new files into place, then died before removing its journal.
  fs::remove(folder / "replaced.txt");
  std::ofstream(folder / "replaced.txt") << "new, from the dead run";
  std::ofstream(folder / "created.txt") << "new, from the dead run";
  std::ofstream(staging / "new" / "unmoved.txt") << "never committed";
  struct stat replaced, created;
  stat((folder / "replaced.txt").c_str(), &replaced);
  stat((folder / "created.txt").c_str(), &created);
  std::ofstream(staging / "journal") << (staging / "new" / "replaced.txt").string() << "\t"
                                     << (folder / "replaced.txt").string() << "\t" << replaced.st_ino << "\tfile\t"
                                     << (staging / "old" / "0").string() << "\n"
                                     << (staging / "new" / "created.txt").string() << "\t"
                                     << (folder / "created.txt").string() << "\t" << created.st_ino << "\tfile\t-\n";
  OutputTransaction outputs;
  outputs.DeclareFile((folder / "mine.txt").string(), "mine");
  OutputTransaction::WriteText(outputs.StageFile((folder / "mine.txt").string()), "mine");
  EXPECT_EQ(Text(folder / "replaced.txt"), "old");
  EXPECT_FALSE(fs::exists(folder / "created.txt"));
  EXPECT_FALSE(fs::exists(folder / "unmoved.txt"));
  EXPECT_FALSE(fs::exists(staging));
  outputs.Commit();
  EXPECT_EQ(Text(folder / "mine.txt"), "mine");
  EXPECT_EQ(StagingFolders(folder), 0u);
}

// The staging folder of a live run is locked: another run leaves it alone.
TEST(OutputTransaction, LiveRunsStagingIsLeftAlone)
{
  const fs::path    folder = TestFolder();
  OutputTransaction first, second;
  first.DeclareFile((folder / "one.txt").string(), "one");
  second.DeclareFile((folder / "two.txt").string(), "two");
  OutputTransaction::WriteText(first.StageFile((folder / "one.txt").string()), "1");
  OutputTransaction::WriteText(second.StageFile((folder / "two.txt").string()), "2");
  EXPECT_EQ(StagingFolders(folder), 2u);
  first.Commit();
  second.Commit();
  EXPECT_EQ(Text(folder / "one.txt"), "1");
  EXPECT_EQ(Text(folder / "two.txt"), "2");
}
