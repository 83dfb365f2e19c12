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
#include "itkEMView.h"
#include "itkMacro.h"

#include <vtkCallbackCommand.h>
#include <vtkCommand.h>
#include <vtkInteractorStyleUser.h>
#include <vtkPNGWriter.h>
#include <vtkRenderWindow.h>
#include <vtkRenderWindowInteractor.h>
#include <vtkWindowToImageFilter.h>

#include <cstdio>
#include <cstdlib>

namespace itk
{
EMView::EMView()
  : m_Callback(vtkSmartPointer<vtkCallbackCommand>::New())
{
  m_Callback->SetClientData(this);
  m_Callback->SetCallback(&EMView::HandleEvent);
}

EMView::~EMView()
{
  if (m_Interactor != nullptr)
  {
    m_Interactor->RemoveObserver(m_Callback);
  }
}

void
EMView::SetSize(unsigned int width, unsigned int height)
{
  if (width < 16 || height < 16 || width > 16384 || height > 16384)
  {
    itkExceptionMacro(<< "Size: " << width << " x " << height << " pixels, expected 16 ... 16384 each");
  }
  if (width != m_Width || height != m_Height)
  {
    m_Width = width;
    m_Height = height;
    if (m_Window != nullptr)
    {
      m_Window->SetSize(static_cast<int>(width), static_cast<int>(height));
    }
    this->Modified();
  }
}

bool
EMView::DisplayAvailable()
{
  const char * display = std::getenv("DISPLAY");
  return display != nullptr && *display != '\0';
}

void
EMView::Initialize(bool offScreen)
{
  if (!DisplayAvailable())
  {
    itkExceptionMacro(<< "No X display: VTK renders through X even off-screen (set DISPLAY, or run under xvfb-run)");
  }
  if (m_Window != nullptr && m_OffScreen == offScreen)
  {
    return;
  }
  if (m_Interactor != nullptr)
  {
    m_Interactor->RemoveObserver(m_Callback);
  }
  m_OffScreen = offScreen;
  m_Window = vtkSmartPointer<vtkRenderWindow>::New();
  m_Window->SetOffScreenRendering(offScreen ? 1 : 0);
  m_Window->SetSize(static_cast<int>(m_Width), static_cast<int>(m_Height));
  m_Window->SetWindowName(m_WindowTitle.c_str());
  m_Window->SetMultiSamples(0); // reproducible pixels for the tests' colour checks
  m_Interactor = vtkSmartPointer<vtkRenderWindowInteractor>::New();
  m_Interactor->SetRenderWindow(m_Window);
  // The user style does nothing by itself: every key and button is the view's own.
  m_Interactor->SetInteractorStyle(vtkSmartPointer<vtkInteractorStyleUser>::New());
  for (const unsigned long event : { vtkCommand::KeyPressEvent, vtkCommand::LeftButtonPressEvent,
                                     vtkCommand::LeftButtonReleaseEvent, vtkCommand::MouseMoveEvent })
  {
    m_Interactor->AddObserver(event, m_Callback);
  }
  this->BuildScene(m_Window);
}

void
EMView::Render()
{
  if (m_Window == nullptr)
  {
    this->Initialize(true);
  }
  this->UpdateScene();
  m_Window->Render();
}

void
EMView::RenderIfInitialized()
{
  if (m_Window != nullptr)
  {
    this->Render();
  }
}

void
EMView::WriteScreenshot(const std::string & fileName)
{
  if (fileName.empty())
  {
    itkExceptionMacro(<< "WriteScreenshot: empty file name");
  }
  this->Initialize(true);
  this->Render();
  auto capture = vtkSmartPointer<vtkWindowToImageFilter>::New();
  capture->SetInput(m_Window);
  capture->ReadFrontBufferOff();
  capture->Update();
  const std::string temporary = fileName + ".partial.png";
  auto              writer = vtkSmartPointer<vtkPNGWriter>::New();
  writer->SetFileName(temporary.c_str());
  writer->SetInputConnection(capture->GetOutputPort());
  writer->Write();
  if (writer->GetErrorCode() != 0 || std::rename(temporary.c_str(), fileName.c_str()) != 0)
  {
    std::remove(temporary.c_str());
    itkExceptionMacro(<< "Cannot write the screenshot " << fileName);
  }
}

void
EMView::Show()
{
  this->Initialize(false);
  this->Render();
  m_Interactor->Initialize();
  m_Interactor->Start();
}

vtkRenderWindow *
EMView::GetRenderWindow() const
{
  return m_Window;
}

vtkRenderWindowInteractor *
EMView::GetInteractor() const
{
  return m_Interactor;
}

void
EMView::HandleEvent(vtkObject * caller, unsigned long eventId, void * clientData, void *)
{
  auto * self = static_cast<EMView *>(clientData);
  auto * interactor = static_cast<vtkRenderWindowInteractor *>(caller);
  const int * position = interactor->GetEventPosition();
  switch (eventId)
  {
    case vtkCommand::KeyPressEvent:
    {
      const char   code = interactor->GetKeyCode();
      const char * symbol = interactor->GetKeySym();
      const bool   printable = code > ' ' && code < 127;
      self->OnKey(printable ? std::string(1, code) : std::string(symbol != nullptr ? symbol : ""));
      break;
    }
    case vtkCommand::LeftButtonPressEvent:
      self->m_ButtonDown = true;
      self->OnClick(position[0], position[1]);
      break;
    case vtkCommand::MouseMoveEvent:
      if (self->m_ButtonDown)
      {
        self->OnClick(position[0], position[1]);
      }
      break;
    case vtkCommand::LeftButtonReleaseEvent:
      self->m_ButtonDown = false;
      break;
    default:
      break;
  }
}

void
EMView::PrintSelf(std::ostream & os, Indent indent) const
{
  Superclass::PrintSelf(os, indent);
  os << indent << "Size: " << m_Width << " x " << m_Height << std::endl;
  os << indent << "WindowTitle: " << m_WindowTitle << std::endl;
  os << indent << "OffScreen: " << m_OffScreen << std::endl;
  os << indent << "Window: " << (m_Window != nullptr ? "created" : "none") << std::endl;
}
} // end namespace itk
