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
#ifndef itkEMOutputTransaction_h
#define itkEMOutputTransaction_h

#include "AnalyticalEMApplicationsExport.h"

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace itk
{
namespace EMCLI
{
/** \class OutputTransaction
 * \brief Writes a program's outputs all or nothing, without ever touching its inputs.
 *
 * Outputs are declared first (DeclareFile, DeclareFolder), before any work, and refused when they
 * resolve to an input (Protect; the data files of .mhd/.nhdr/.hdr inputs and the companions an
 * output would create count too), to another output, to a folder or a device, or to a folder
 * that cannot be written. They are then written to staged paths (StageFile, StageFolder) inside
 * a private staging folder created (mkdtemp) in each destination folder, so that the final
 * renames stay on one file system. Commit() checks every written file (MetaImage data complete,
 * fsync), writes a journal, keeps a hard link to each file it replaces, renames everything into
 * place and syncs the folders; on any failure it puts the previous files back. Nothing is
 * visible under a final name before Commit().
 *
 * Each staging folder is locked (flock) while its process lives. Staging folders of runs that
 * died (killed, crashed, the machine stopped) are found by the next run that writes into the
 * same folder: it rolls back a commit the dead run left half done, using its journal, and
 * removes the folder; nothing of a dead run is ever committed.
 *
 * \ingroup AnalyticalEMApplications
 */
class AnalyticalEMApplications_EXPORT OutputTransaction
{
public:
  enum class FolderPolicy
  {
    NewOrEmpty,  // the folder must not exist, or be empty
    ReplaceFiles // files of the same names in an existing folder are replaced
  };

  OutputTransaction() = default;
  ~OutputTransaction();
  OutputTransaction(const OutputTransaction &) = delete;
  OutputTransaction &
  operator=(const OutputTransaction &) = delete;

  /** An input: no output may resolve to it or to its data files. Call before declaring outputs. */
  void
  Protect(const std::string & input);
  /** An output file, called \a what in messages. Throws when it cannot be written as one. */
  void
  DeclareFile(const std::string & target, const std::string & what);
  /** An output folder; \a refusal is added to the message when an existing folder is refused. */
  void
  DeclareFolder(const std::string & target,
                const std::string & what,
                FolderPolicy        policy,
                const std::string & refusal = "");

  /** Where to write the declared output file \a target (its final file name, in staging). */
  std::string
  StageFile(const std::string & target);
  /** Where to write the files of the declared output folder \a target (a staging folder). */
  std::string
  StageFolder(const std::string & target);

  /** Moves every staged output into place, all or none; throws (and restores) on failure. */
  void
  Commit();
  /** Removes the staged outputs (and restores the previous files if a commit was cut short). */
  void
  Abort();

  /** \a text with staged paths replaced by the final ones (for error messages). */
  std::string
  Unstage(std::string text) const;

  /** Writes \a text to \a path with every write, the sync and the close checked. */
  static void
  WriteText(const std::string & path, const std::string & text);
  /** Rolls back and removes the staging folders of dead runs in \a folder. */
  static void
  RemoveStale(const std::string & folder);

private:
  struct Output
  {
    std::string  Target; // canonical
    std::string  What;
    bool         Folder{ false };
    FolderPolicy Policy{ FolderPolicy::NewOrEmpty };
    std::string  Staged;
  };
  struct Staging
  {
    std::string Destination; // the folder the outputs go to
    std::string Directory;   // its staging folder
    int         Lock{ -1 };
  };

  bool
  IsProtected(const std::string & path) const;
  void
  CheckTarget(const std::string & target, const std::string & what);
  Output &
  Find(const std::string & target);
  Staging &
  StagingFor(const std::string & destination);
  void
  Release();

  std::set<std::string>                                       m_ProtectedPaths;
  std::set<std::pair<unsigned long long, unsigned long long>> m_ProtectedFiles; // (device, inode)
  std::set<std::string>                                       m_OutputPaths;    // with companions
  std::vector<Output>                                         m_Outputs;
  std::vector<Staging>                                        m_Staging;
};
} // namespace EMCLI
} // end namespace itk

#endif
