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
#include "itkAnalyticalEMImageIOFactory.h"
#include "itkEMImageFiles.h"
#include "itkImageIOFactory.h"
#include "itkMacro.h"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace itk
{
namespace EMCLI
{
namespace fs = std::filesystem;

namespace
{
const std::string StagingPrefix = ".aem-staging-";

std::string
Canonical(const std::string & path)
{
  std::error_code error;
  const fs::path  canonical = fs::weakly_canonical(fs::absolute(path), error);
  return error ? fs::absolute(path).lexically_normal().string() : canonical.string();
}

bool
FileId(const std::string & path, std::pair<unsigned long long, unsigned long long> & id)
{
  struct stat status;
  if (stat(path.c_str(), &status) != 0)
  {
    return false;
  }
  id = { static_cast<unsigned long long>(status.st_dev), static_cast<unsigned long long>(status.st_ino) };
  return true;
}

unsigned long long
Inode(const std::string & path)
{
  struct stat status;
  return lstat(path.c_str(), &status) == 0 ? static_cast<unsigned long long>(status.st_ino) : 0;
}

[[noreturn]] void
Fail(const std::string & message)
{
  itkGenericExceptionMacro(<< message);
}

std::string
SystemError()
{
  return std::strerror(errno);
}

void
Sync(const std::string & path, bool folder)
{
  const int descriptor = open(path.c_str(), (folder ? O_RDONLY | O_DIRECTORY : O_RDONLY) | O_CLOEXEC);
  if (descriptor < 0 || fsync(descriptor) != 0)
  {
    const std::string error = SystemError();
    if (descriptor >= 0)
    {
      close(descriptor);
    }
    Fail("cannot write " + path + ": " + error);
  }
  close(descriptor);
}

// A written image must hold all the data its header declares (ITK's MetaImage writer only
// prints a message when a write fails).
void
VerifyWritten(const std::string & path)
{
  const std::string extension = fs::path(path).extension().string();
  if (extension == ".mha" || extension == ".mhd")
  {
    ImageIOBase::Pointer io = ImageIOFactory::CreateImageIO(path.c_str(), ImageIOFactory::IOFileModeEnum::ReadMode);
    if (io == nullptr)
    {
      Fail("cannot write " + path + ": the file written is not readable (disk full?)");
    }
    io->SetFileName(path);
    io->ReadImageInformation();
    EMImageFiles::CheckComplete(path, *io);
  }
  Sync(path, false);
}

// One line of a journal: a staged item moved to its destination, with what it replaced.
struct Move
{
  std::string        Source;
  std::string        Destination;
  unsigned long long Inode{ 0 }; // of the staged item, which a rename keeps
  bool               Folder{ false };
  std::string        Backup{ "-" }; // hard link to the replaced file; "-" none; "empty" an empty folder
};

std::vector<Move>
ReadJournal(const std::string & journal)
{
  std::vector<Move> moves;
  std::ifstream     file(journal);
  std::string       line;
  while (std::getline(file, line))
  {
    std::istringstream fields(line);
    Move               move;
    std::string        folder;
    if (std::getline(fields, move.Source, '\t') && std::getline(fields, move.Destination, '\t') &&
        (fields >> move.Inode) && fields.ignore() && std::getline(fields, folder, '\t') &&
        std::getline(fields, move.Backup))
    {
      move.Folder = folder == "folder";
      moves.push_back(move);
    }
  }
  return moves;
}

// Undoes the moves of a journal that took place (the destination holds the staged inode).
void
RollBack(const std::string & staging)
{
  const std::string journal = (fs::path(staging) / "journal").string();
  const auto        moves = ReadJournal(journal);
  for (auto move = moves.rbegin(); move != moves.rend(); ++move)
  {
    if (Inode(move->Destination) != move->Inode)
    {
      continue; // not moved: the destination is as it was
    }
    if (move->Backup == "-" || move->Backup == "empty")
    {
      std::rename(move->Destination.c_str(), move->Source.c_str());
      if (move->Backup == "empty")
      {
        mkdir(move->Destination.c_str(), 0777);
      }
    }
    else
    {
      std::rename(move->Backup.c_str(), move->Destination.c_str());
    }
  }
  std::remove(journal.c_str());
}

void
RemoveStaging(const std::string & staging)
{
  if (fs::exists(fs::path(staging) / "journal"))
  {
    RollBack(staging);
  }
  std::error_code error;
  fs::remove_all(staging, error);
}
} // namespace

OutputTransaction::~OutputTransaction()
{
  this->Abort();
}

void
OutputTransaction::Protect(const std::string & input)
{
  std::vector<std::string> files = EMImageFiles::DataFiles(input);
  files.push_back(input);
  for (const auto & file : files)
  {
    m_ProtectedPaths.insert(Canonical(file));
    std::pair<unsigned long long, unsigned long long> id;
    if (FileId(file, id))
    {
      m_ProtectedFiles.insert(id);
    }
  }
}

bool
OutputTransaction::IsProtected(const std::string & path) const
{
  std::pair<unsigned long long, unsigned long long> id;
  return m_ProtectedPaths.count(Canonical(path)) > 0 || (FileId(path, id) && m_ProtectedFiles.count(id) > 0);
}

void
OutputTransaction::CheckTarget(const std::string & target, const std::string & what)
{
  const std::string canonical = Canonical(target);
  const fs::path    folder = fs::path(canonical).parent_path();
  std::error_code   error;
  if (!fs::is_directory(folder, error))
  {
    Fail("cannot write " + target + " (" + what + "): no folder " + folder.string());
  }
  if (access(folder.c_str(), W_OK | X_OK) != 0)
  {
    Fail("cannot write " + target + " (" + what + "): the folder " + folder.string() + " is not writable");
  }
  std::vector<std::string> files = EMImageFiles::CompanionsWritten(canonical);
  files.insert(files.begin(), canonical);
  for (const auto & file : files)
  {
    if (this->IsProtected(file))
    {
      Fail(
        "output " + target + " (" + what + ") " +
        (file == canonical ? std::string("is also an input") : "would overwrite " + file + ", which an input reads") +
        ": refused");
    }
    if (!m_OutputPaths.insert(file).second)
    {
      Fail("output " + target + " (" + what + ") is also another output: refused");
    }
  }
}

void
OutputTransaction::DeclareFile(const std::string & target, const std::string & what)
{
  std::error_code       error;
  const fs::file_status status = fs::status(target, error);
  if (fs::exists(status) && fs::is_directory(status))
  {
    Fail("cannot write " + target + " (" + what + "): it is a folder");
  }
  if (fs::exists(status) && !fs::is_regular_file(status))
  {
    Fail("cannot write " + target + " (" + what + "): it is not a regular file");
  }
  this->CheckTarget(target, what);
  m_Outputs.push_back({ Canonical(target), what, false, FolderPolicy::NewOrEmpty, "" });
}

void
OutputTransaction::DeclareFolder(const std::string & target,
                                 const std::string & what,
                                 FolderPolicy        policy,
                                 const std::string & refusal)
{
  std::error_code error;
  if (fs::exists(target, error) && !fs::is_directory(target, error))
  {
    Fail("cannot write the folder " + target + " (" + what + "): a file of that name exists");
  }
  if (policy == FolderPolicy::NewOrEmpty && fs::is_directory(target, error) && !fs::is_empty(target, error))
  {
    Fail("the folder " + target + " (" + what + ") exists and is not empty" + refusal);
  }
  this->CheckTarget(target, what);
  m_Outputs.push_back({ Canonical(target), what, true, policy, "" });
}

OutputTransaction::Output &
OutputTransaction::Find(const std::string & target)
{
  const std::string canonical = Canonical(target);
  for (auto & output : m_Outputs)
  {
    if (output.Target == canonical)
    {
      return output;
    }
  }
  Fail("output " + target + " was not declared");
}

OutputTransaction::Staging &
OutputTransaction::StagingFor(const std::string & destination)
{
  for (auto & staging : m_Staging)
  {
    if (staging.Destination == destination)
    {
      return staging;
    }
  }
  RemoveStale(destination);
  for (int attempt = 0; attempt < 10; ++attempt)
  {
    std::string name = (fs::path(destination) / (StagingPrefix + "XXXXXX")).string();
    if (mkdtemp(name.data()) == nullptr)
    {
      Fail("cannot write in " + destination + ": " + SystemError());
    }
    // Locked at once; a cleaner that removed it first leaves it unlinked (nlink 0): try again.
    const int   lock = open(name.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    struct stat status;
    if (lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0 && fstat(lock, &status) == 0 && status.st_nlink > 0 &&
        mkdir((fs::path(name) / "new").c_str(), 0777) == 0 && mkdir((fs::path(name) / "old").c_str(), 0777) == 0)
    {
      m_Staging.push_back({ destination, name, lock });
      return m_Staging.back();
    }
    if (lock >= 0)
    {
      close(lock);
    }
  }
  Fail("cannot write in " + destination + ": no staging folder could be made");
}

std::string
OutputTransaction::StageFile(const std::string & target)
{
  Output & output = this->Find(target);
  if (output.Staged.empty())
  {
    const fs::path final(output.Target);
    output.Staged =
      (fs::path(this->StagingFor(final.parent_path().string()).Directory) / "new" / final.filename()).string();
  }
  return output.Staged;
}

std::string
OutputTransaction::StageFolder(const std::string & target)
{
  Output & output = this->Find(target);
  if (output.Staged.empty())
  {
    const fs::path final(output.Target);
    const fs::path staged =
      fs::path(this->StagingFor(final.parent_path().string()).Directory) / "new" / final.filename();
    if (mkdir(staged.c_str(), 0777) != 0)
    {
      Fail("cannot write " + target + ": " + SystemError());
    }
    output.Staged = staged.string();
  }
  return output.Staged;
}

void
OutputTransaction::Commit()
{
  // Everything written must be complete and on disk before anything is replaced.
  std::vector<Move> moves;
  for (const auto & output : m_Outputs)
  {
    if (output.Staged.empty())
    {
      continue; // an optional output the run did not produce
    }
    std::error_code error;
    if (!fs::exists(output.Staged, error))
    {
      Fail("cannot write " + output.Target + " (" + output.What + "): nothing was written");
    }
    if (!output.Folder)
    {
      VerifyWritten(output.Staged);
      moves.push_back({ output.Staged, output.Target });
      // The data file a writer put beside a header (.raw of a .mhd) goes with it.
      for (const auto & companion : EMImageFiles::CompanionsWritten(output.Target))
      {
        const fs::path staged = fs::path(output.Staged).parent_path() / fs::path(companion).filename();
        if (fs::exists(staged, error))
        {
          Sync(staged.string(), false);
          moves.push_back({ staged.string(), companion });
        }
      }
      continue;
    }
    for (const auto & entry : fs::recursive_directory_iterator(output.Staged))
    {
      if (entry.is_regular_file())
      {
        VerifyWritten(entry.path().string());
      }
    }
    const bool exists = fs::is_directory(output.Target, error);
    if (!exists || fs::is_empty(output.Target, error))
    {
      moves.push_back({ output.Staged, output.Target, 0, true, exists ? "empty" : "-" });
      continue;
    }
    for (const auto & entry : fs::directory_iterator(output.Staged))
    {
      const std::string destination = (fs::path(output.Target) / entry.path().filename()).string();
      if (this->IsProtected(destination))
      {
        Fail("output " + destination + " (in " + output.What + ") is also an input: refused");
      }
      if (fs::is_directory(destination, error))
      {
        Fail("cannot write " + destination + " (in " + output.What + "): a folder of that name exists");
      }
      moves.push_back({ entry.path().string(), destination, 0, entry.is_directory() });
    }
  }
  // The journal of each staging folder, with a hard link to every file that will be replaced.
  std::map<std::string, std::string> journals;
  for (size_t m = 0; m < moves.size(); ++m)
  {
    Move & move = moves[m];
    move.Inode = Inode(move.Source);
    std::string staging;
    for (const auto & candidate : m_Staging)
    {
      staging = move.Source.rfind(candidate.Directory + "/", 0) == 0 ? candidate.Directory : staging;
    }
    std::error_code       error;
    const fs::file_status replaced = fs::symlink_status(move.Destination, error);
    if (move.Backup == "-" && fs::exists(replaced))
    {
      if (!fs::is_regular_file(replaced))
      {
        Fail("cannot write " + move.Destination + ": it is not a regular file");
      }
      move.Backup = (fs::path(staging) / "old" / std::to_string(m)).string();
      if (link(move.Destination.c_str(), move.Backup.c_str()) != 0)
      {
        Fail("cannot write " + move.Destination + ": " + SystemError());
      }
    }
    journals[staging] += move.Source + "\t" + move.Destination + "\t" + std::to_string(move.Inode) + "\t" +
                         (move.Folder ? "folder" : "file") + "\t" + move.Backup + "\n";
  }
  for (const auto & [staging, text] : journals)
  {
    WriteText((fs::path(staging) / "journal").string(), text);
    Sync(staging, true);
  }
  // The renames: each is atomic; a failure puts back what was replaced.
  std::set<std::string> folders;
  for (const auto & move : moves)
  {
    if (std::rename(move.Source.c_str(), move.Destination.c_str()) != 0)
    {
      const std::string error = SystemError();
      for (const auto & staging : m_Staging)
      {
        RollBack(staging.Directory);
      }
      Fail("cannot write " + move.Destination + ": " + error);
    }
    folders.insert(fs::path(move.Destination).parent_path().string());
  }
  for (const auto & folder : folders)
  {
    Sync(folder, true);
  }
  for (const auto & staging : m_Staging)
  {
    std::remove((fs::path(staging.Directory) / "journal").c_str());
  }
  this->Release();
}

void
OutputTransaction::Abort()
{
  for (const auto & staging : m_Staging)
  {
    RemoveStaging(staging.Directory);
  }
  this->Release();
}

void
OutputTransaction::Release()
{
  for (const auto & staging : m_Staging)
  {
    std::error_code error;
    fs::remove_all(staging.Directory, error);
    close(staging.Lock);
  }
  m_Staging.clear();
  for (auto & output : m_Outputs)
  {
    output.Staged.clear();
  }
}

std::string
OutputTransaction::Unstage(std::string text) const
{
  for (const auto & staging : m_Staging)
  {
    for (const std::string staged : { staging.Directory + "/new", staging.Directory })
    {
      for (size_t at = text.find(staged); at != std::string::npos; at = text.find(staged, at))
      {
        text.replace(at, staged.size(), staging.Destination);
        at += staging.Destination.size();
      }
    }
  }
  return text;
}

void
OutputTransaction::WriteText(const std::string & path, const std::string & text)
{
  const int descriptor = open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
  bool      written = descriptor >= 0;
  for (size_t done = 0; written && done < text.size();)
  {
    const ssize_t count = write(descriptor, text.data() + done, text.size() - done);
    if (count < 0 && errno == EINTR)
    {
      continue;
    }
    written = count > 0;
    done += written ? static_cast<size_t>(count) : 0;
  }
  written = written && fsync(descriptor) == 0;
  const std::string error = SystemError();
  if (descriptor >= 0 && close(descriptor) != 0)
  {
    written = false;
  }
  if (!written)
  {
    Fail("cannot write " + path + ": " + error);
  }
}

void
OutputTransaction::RemoveStale(const std::string & folder)
{
  std::error_code error;
  for (const auto & entry : fs::directory_iterator(folder, error))
  {
    const std::string name = entry.path().filename().string();
    if (name.rfind(StagingPrefix, 0) != 0 || !entry.is_directory(error))
    {
      continue;
    }
    const int lock = open(entry.path().c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) == 0)
    {
      RemoveStaging(entry.path().string()); // its run is gone: it held the lock while it lived
    }
    if (lock >= 0)
    {
      close(lock);
    }
  }
}
} // namespace EMCLI
} // end namespace itk
