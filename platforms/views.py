from django.shortcuts import render


def directory_view(request):
    return render(request, "platforms/directory.html", {})
